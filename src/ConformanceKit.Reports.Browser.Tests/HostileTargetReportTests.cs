using ConformanceKit.Http;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;
using Microsoft.Playwright;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// A report of checks against <see cref="MarkupTarget"/>, opened in Chromium: nothing the target sent runs
/// (the page-side flag <c>window.__pwned</c> stays unset, no dialog, no error, no CSP violation because nothing
/// even tried) and nothing is fetched (every request is the report's own file:// URL; the route aborts and
/// records any other; the target sees no beacon hit), while the payloads are on the page as text. The second
/// case turns the page's CSP off in the browser, so escaping alone must hold.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class HostileTargetReportTests(Chromium chromium)
{
    private static readonly string[] Checks = ["optimistic-locking", "conditional-get-304", "if-match-current-etag-put", "if-match-weak-tag-never-matches", "if-range-current-etag-206"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nothing_a_hostile_target_sent_runs_or_loads(bool bypassCsp)
    {
        await using var target = new MarkupTarget();
        var definition = new TargetDefinition(
            "hostile \"><svg onload=window.__pwned=21>",
            TargetKind.Remote,
            target.BaseAddress,
            new ResourceRecipe("/items/{id}", CreateMethod.Put, null, "application/json", null),
            [],
            new Capabilities(Writes: true, LastModified: true, Ranges: true, RequirePreconditions: false),
            [],
            "browser tests");
        var scenarios = new ScenarioLoader().Load([RepositoryPaths.Suites]).Where(s => Checks.Contains(s.Id)).ToList();
        scenarios.Count.ShouldBe(Checks.Length);
        RunResult run;
        await using (var session = await TargetSession.OpenAsync(definition, null, new ClientSettings(), TimeProvider.System, CancellationToken.None))
        {
            run = await ConformanceRun.ExecuteAsync(session, scenarios, 1, null, CancellationToken.None);
        }

        var folder = Path.Combine(Path.GetTempPath(), "ck-hostile-browser-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(folder, "hostile", "index.html");
            HtmlReportWriter.Write(run, path);
            var url = new Uri(path).AbsoluteUri;
            await using var context = await chromium.NewContextAsync(bypassCsp: bypassCsp);
            var guard = await PageGuard.OpenAsync(context);
            var page = guard.Page;

            await page.GotoAsync(url);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            await page.Locator("#filters input[name=q]").FillAsync("<script>");
            await page.Locator("#filters input[name=q]").FillAsync(string.Empty);
            await page.WaitForTimeoutAsync(500);

            // The payloads are there, as text: in an exchange, and in the sequence diagram's labels.
            var text = await page.Locator("body").InnerTextAsync();
            text.ShouldContain(MarkupTarget.Reason);
            text.ShouldContain("onerror=\"window.__pwned=4\"");
            text.ShouldContain("<script>window.__pwned=11</script>");
            var labels = await page.Locator("details#optimistic-locking svg.sequence text").AllTextContentsAsync();
            labels.ShouldContain(l => l.Contains("</style><script>window.__pwned=2</script>", StringComparison.Ordinal), "the ETag, echoed in If-Match, drawn as text");
            (await page.TitleAsync()).ShouldBe("ConformanceKit: " + definition.Name);

            // Nothing ran.
            (await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'")).ShouldBeTrue("a payload ran");
            guard.Problems.ShouldBeEmpty();
            if (!bypassCsp)
            {
                (await guard.ViolationsAsync()).ShouldBeEmpty("nothing even tried to load or run, so the CSP had nothing to block");
            }

            // Nothing the target sent became an element: one script (the page's own), no loader, no handler, no foreign link.
            (await page.EvaluateAsync<int>("() => document.scripts.length")).ShouldBe(1);
            (await page.EvaluateAsync<int>("() => document.querySelectorAll('img,image,iframe,frame,object,embed,link,base,style:not(head > style),video,audio,source,meta[http-equiv=refresh],form:not(#filters),input[type=image]').length")).ShouldBe(0);
            (await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('*')).flatMap(el => Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))")).ShouldBeEmpty();
            var hrefs = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('[href]')).map(el => el.getAttribute('href'))");
            hrefs.ShouldAllBe(h => h.StartsWith('#') || h.StartsWith("https://www.rfc-editor.org/rfc/", StringComparison.Ordinal));

            // Nothing was fetched.
            guard.ShouldHaveLoadedOnly(url);
            target.BeaconHits.ShouldBeEmpty();
            await page.ScreenshotAsync(new PageScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf(bypassCsp ? "hostile-target-no-csp.png" : "hostile-target.png"), FullPage = false });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
