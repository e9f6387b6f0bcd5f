using ConformanceKit.Http;
using Microsoft.Playwright;

namespace ConformanceKit.Browser;

/// <summary>
/// Browser clients in Debian's Chromium, driven by Playwright (NOTES section 4): <c>/usr/bin/chromium</c> (or
/// <c>CONFORMANCEKIT_CHROMIUM</c>), headless, without sandbox, GPU or any background traffic of its own. One browser
/// per instance, started on the first client and shared by every run that uses the instance; one browser context
/// (own HTTP cache, cookies and page) per client. At most <see cref="MaxConcurrentActions"/> navigations or fetches
/// run at once, whatever the runs' parallelism, so a matrix of runs stays cheap. Without the browser binary,
/// <see cref="Unavailable"/> says so and the checks skip.
/// </summary>
public sealed class ChromiumBrowsers : IBrowserClientFactory, IAsyncDisposable
{
    public const string DefaultPath = "/usr/bin/chromium";

    public const int MaxConcurrentActions = 6;

    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim starting = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;
    private ScriptPage? scriptPage;
    private int disposed;

    /// <param name="executablePath">The Chromium binary; by default <c>CONFORMANCEKIT_CHROMIUM</c> or <see cref="DefaultPath"/>.</param>
    public ChromiumBrowsers(string? executablePath = null)
    {
        ExecutablePath = executablePath
            ?? (Environment.GetEnvironmentVariable("CONFORMANCEKIT_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath);
    }

    public string ExecutablePath { get; }

    public string? Unavailable => File.Exists(ExecutablePath) ? null : BrowserClients.NoBrowser;

    internal SemaphoreSlim Actions { get; } = new(MaxConcurrentActions, MaxConcurrentActions);

    public Task<IBrowserClient> OpenAsync(BrowserClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OffContext.Run(() => OpenCoreAsync(options, cancellationToken), cancellationToken);
    }

    private async Task<IBrowserClient> OpenCoreAsync(BrowserClientOptions options, CancellationToken cancellationToken)
    {
        var started = await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var context = await started.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } }).ConfigureAwait(false);
            context.SetDefaultTimeout((float)options.Timeout.TotalMilliseconds);
            context.SetDefaultNavigationTimeout((float)options.Timeout.TotalMilliseconds);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            var cdp = await context.NewCDPSessionAsync(page).ConfigureAwait(false);
            var log = await NetworkLog.AttachAsync(cdp).ConfigureAwait(false);
            return new ChromiumClient(this, context, page, cdp, log, options);
        }
        catch (PlaywrightException e)
        {
            throw new BrowserClientException($"Chromium could not open a browser context: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Starts the browser and loads one page over HTTP in a context it then closes, so the first checks do not
    /// pay for Chromium's start within their own time bound (a test fixture calls it before its runs start together).</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => OffContext.Run(() => WarmUpCoreAsync(cancellationToken), cancellationToken);

    private async Task WarmUpCoreAsync(CancellationToken cancellationToken)
    {
        var started = await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var context = await started.NewContextAsync().ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                // A page over HTTP, not about:blank, so the network service and the HTTP cache are up too.
                var page = await context.NewPageAsync().ConfigureAwait(false);
                var address = await ScriptPageAsync(cancellationToken).ConfigureAwait(false);
                await page.GotoAsync(address.AbsoluteUri).ConfigureAwait(false);
            }
        }
        catch (PlaywrightException e)
        {
            throw new BrowserClientException($"Chromium could not open a page: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The page script clients run on (started with the first script client).</summary>
    internal async Task<Uri> ScriptPageAsync(CancellationToken cancellationToken)
    {
        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            scriptPage ??= await ScriptPage.StartAsync(cancellationToken).ConfigureAwait(false);
            return scriptPage.Address;
        }
        finally
        {
            starting.Release();
        }
    }

    public async ValueTask DisposeAsync() => await OffContext.Run(DisposeCoreAsync, CancellationToken.None).ConfigureAwait(false);

    private async Task DisposeCoreAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (browser is not null)
        {
            await browser.CloseAsync().ConfigureAwait(false);
        }

        playwright?.Dispose();
        if (scriptPage is not null)
        {
            await scriptPage.DisposeAsync().ConfigureAwait(false);
        }

        starting.Dispose();
        Actions.Dispose();
    }

    internal static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private async Task<IBrowser> StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (browser is { } ready)
        {
            return ready;
        }

        await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (browser is not null)
            {
                return browser;
            }

            if (Unavailable is { } why)
            {
                throw new BrowserClientException($"{why} ({ExecutablePath} not found)");
            }

            try
            {
                playwright ??= await Playwright.CreateAsync().ConfigureAwait(false);
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    Args = Arguments,
                    Timeout = (float)LaunchTimeout.TotalMilliseconds,
                }).ConfigureAwait(false);
                return browser;
            }
            catch (PlaywrightException e)
            {
                throw new BrowserClientException($"Chromium ({ExecutablePath}) did not start: {FirstLine(e.Message)}", e);
            }
        }
        finally
        {
            starting.Release();
        }
    }
}
