using Microsoft.Playwright;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (NOTES section 4): Playwright's own browser download cannot work
/// here, so the browser is <c>/usr/bin/chromium</c> (or <c>CONFORMANCEKIT_CHROMIUM</c>), headless, without
/// sandbox, GPU or any background traffic of its own. A missing browser fails the tests, naming the package.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("the browser is not started");

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CONFORMANCEKIT_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}; the report's browser tests need it: run `apt-get install -y chromium` (.ci/run installs it), or set CONFORMANCEKIT_CHROMIUM to a Chromium binary.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh context (own cookies, storage, routes) with a fixed viewport and a short action timeout.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BypassCSP = bypassCsp,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }
}

/// <summary>One browser for every test class that opens reports.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<Chromium>, ICollectionFixture<DefectReport>
{
    public const string Name = "browser";
}
