using Microsoft.Playwright;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>The control for the hostile-target test: on a page that does run a payload and does fetch from
/// the network, the same flag, guard and beacon see it. Without this, a broken watch would pass everything.</summary>
[Collection(BrowserTests.Name)]
public sealed class PageGuardTests(Chromium chromium)
{
    [Fact]
    public async Task The_guard_sees_a_payload_that_runs_and_a_fetch()
    {
        await using var target = new MarkupTarget();
        var folder = Path.Combine(Path.GetTempPath(), "ck-guard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "unsafe.html");
            File.WriteAllText(path, $"<!DOCTYPE html><title>unsafe</title><script>window.__pwned=1</script><img src=\"{target.BaseAddress}beacon-control\">");
            var url = new Uri(path).AbsoluteUri;
            await using var context = await chromium.NewContextAsync();
            var guard = await PageGuard.OpenAsync(context);

            await guard.Page.GotoAsync(url);
            await guard.Page.WaitForTimeoutAsync(200);

            (await guard.Page.EvaluateAsync<int>("() => window.__pwned")).ShouldBe(1);
            guard.Blocked.ShouldContain($"{target.BaseAddress}beacon-control");
            target.BeaconHits.ShouldBeEmpty("the route aborted the fetch before it left the browser");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
