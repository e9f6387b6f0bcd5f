using Microsoft.Playwright;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// Watches one browser context for anything a report must never do: every request the page makes is recorded
/// (a report may load itself from file:// and nothing else), every request to another scheme is aborted at the
/// route and recorded as blocked, and dialogs, page errors and Content-Security-Policy violations (caught by an
/// init script, which the page's CSP does not govern) are kept for the assertions.
/// </summary>
internal sealed class PageGuard
{
    private const string WatchViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });
        """;

    private readonly List<string> _requests = [];
    private readonly List<string> _blocked = [];
    private readonly List<string> _problems = [];

    private PageGuard(IPage page) => Page = page;

    public IPage Page { get; }

    public IReadOnlyList<string> Requests => Snapshot(_requests);

    public IReadOnlyList<string> Blocked => Snapshot(_blocked);

    /// <summary>Dialogs and uncaught page errors.</summary>
    public IReadOnlyList<string> Problems => Snapshot(_problems);

    public static async Task<PageGuard> OpenAsync(IBrowserContext context, bool javaScript = true)
    {
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            // Recorded as blocked by the Request handler below.
            await route.AbortAsync();
        });
        if (javaScript)
        {
            await context.AddInitScriptAsync(WatchViolations);
        }

        var page = await context.NewPageAsync();
        var guard = new PageGuard(page);
        context.Request += (_, request) => Add(guard._requests, request.Url);
        context.Request += (_, request) =>
        {
            if (!request.Url.StartsWith("file://", StringComparison.Ordinal))
            {
                Add(guard._blocked, request.Url);
            }
        };
        page.Dialog += (_, dialog) =>
        {
            Add(guard._problems, $"dialog {dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => Add(guard._problems, "page error: " + error);
        return guard;
    }

    /// <summary>The CSP violations the page reported (none when script is off).</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync() => await Page.EvaluateAsync<string[]>("() => window.__csp || []");

    /// <summary>Nothing was fetched but the report itself, nothing was blocked, nothing popped up or threw.</summary>
    public void ShouldHaveLoadedOnly(string reportUrl)
    {
        Blocked.ShouldBeEmpty("a report fetches nothing from the network");
        Requests.Where(r => r != reportUrl && !r.StartsWith(reportUrl + "#", StringComparison.Ordinal)).ShouldBeEmpty("a report loads nothing besides itself");
        Problems.ShouldBeEmpty();
    }

    private static void Add(List<string> list, string item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
