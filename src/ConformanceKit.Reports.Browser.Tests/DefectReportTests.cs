using System.Globalization;
using ConformanceKit.Checks;
using Microsoft.Playwright;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// The report of the whole catalog against the reference server with two defects, opened over file:// in
/// Chromium, as a reader uses it: filter to failures, open a failing check, read its exchanges and its
/// sequence diagram, follow links, read it without script, print it. Screenshots go to reports/screenshots/.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DefectReportTests(Chromium chromium, DefectReport report)
{
    /// <summary>A two-client check that write-preconditions-ignored breaks at step 4 (B's stale PUT is applied).</summary>
    private const string Failing = "optimistic-locking";

    [Fact]
    public void The_run_behind_the_report_failed_where_the_defects_are()
    {
        var verdicts = report.Run.Checks.ToDictionary(c => c.Check.Id, c => c.Verdict);
        verdicts[Failing].ShouldBe(Verdict.Fail);
        report.Run.Checks.Single(c => c.Check.Id == Failing).DecidingStep.ShouldBe(4);
        report.Run.Checks.ShouldContain(c => c.Check.Section == "9110/15.4.5" && c.Verdict != Verdict.Pass, "not-modified-without-etag breaks a 304 rule");
        report.CorrectRun.Checks.ShouldNotContain(c => c.Verdict == Verdict.Fail || c.Verdict == Verdict.Error);
        report.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Filter_to_failures_open_a_failing_check_and_see_its_exchanges_and_diagram()
    {
        await using var context = await chromium.NewContextAsync();
        var guard = await PageGuard.OpenAsync(context);
        var page = guard.Page;
        await page.GotoAsync(report.ReportUrl);

        var checks = page.Locator("details.check");
        (await checks.CountAsync()).ShouldBe(report.Run.Checks.Count);
        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeTrue("the script shows the filters");
        (await page.Locator("#shown").TextContentAsync()).ShouldBe($"showing {report.Run.Checks.Count} of {report.Run.Checks.Count} checks");

        await page.Locator("#filters input[name=failures]").CheckAsync();

        var visible = page.Locator("details.check:visible");
        (await visible.CountAsync()).ShouldBe(report.Failing.Count);
        (await visible.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.verdict)")).ShouldAllBe(v => v == "fail" || v == "error");
        (await page.Locator("#shown").TextContentAsync()).ShouldBe($"showing {report.Failing.Count} of {report.Run.Checks.Count} checks");
        (await page.Locator("table.matrix tbody tr:visible").CountAsync()).ShouldBe(report.Failing.Count, "the matrix is filtered too");
        await page.ScreenshotAsync(new PageScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf("report-failures.png"), FullPage = true });

        var check = page.Locator($"details.check#{Failing}");
        (await check.GetAttributeAsync("open")).ShouldBeNull("checks start closed; their summary line says what failed");
        (await check.Locator("summary .msg").TextContentAsync()).ShouldBe(report.Run.Checks.Single(c => c.Check.Id == Failing).Message);
        (await check.Locator("svg.sequence").IsVisibleAsync()).ShouldBeFalse();
        await check.Locator("summary").First.ClickAsync();
        (await check.GetAttributeAsync("open")).ShouldNotBeNull();

        // The requirement, linked to its RFC section, and expected vs actual.
        (await check.Locator("a[href='https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1']").IsVisibleAsync()).ShouldBeTrue();
        (await check.Locator("table.expect").InnerTextAsync()).ShouldContain("412");

        // The sequence diagram: lifelines for the setup client, A, B and the server; an arrow per request and
        // per response; step 4 highlighted.
        var result = report.Run.Checks.Single(c => c.Check.Id == Failing);
        var svg = check.Locator("svg.sequence");
        (await svg.IsVisibleAsync()).ShouldBeTrue();
        (await svg.Locator("g.lifeline text").AllTextContentsAsync()).ShouldBe(["setup", "client A", "client B", "server"]);
        (await svg.Locator("line.request").CountAsync()).ShouldBe(result.Exchanges.Count);
        (await svg.Locator("line.response").CountAsync()).ShouldBe(result.Exchanges.Count);
        var deciding = svg.Locator("g.msg.deciding");
        (await deciding.CountAsync()).ShouldBe(1);
        (await deciding.GetAttributeAsync("data-step")).ShouldBe("4");
        (await deciding.Locator("text").AllTextContentsAsync()).ShouldContain(t => t.StartsWith("PUT If-Match: \"", StringComparison.Ordinal));
        (await svg.Locator("rect.band").IsVisibleAsync()).ShouldBeTrue();
        (await check.Locator("figure.seq figcaption").InnerTextAsync()).ShouldContain("the highlighted step 4 decided the verdict");

        // Every exchange; the deciding one open, with the request that should have been refused and the answer.
        var exchanges = check.Locator("details.exchange");
        (await exchanges.CountAsync()).ShouldBe(result.Exchanges.Count);
        var decisive = check.Locator("details.exchange.decisive");
        (await decisive.GetAttributeAsync("open")).ShouldNotBeNull();
        var wire = await decisive.Locator("pre").InnerTextAsync();
        wire.ShouldStartWith("PUT /");
        wire.ShouldContain("If-Match: \"");
        wire.ShouldContain("HTTP/1.1 20");
        (await decisive.Locator("summary").InnerTextAsync()).ShouldContain("took");

        // A message in the diagram links to its exchange, which opens.
        var first = check.Locator("details.exchange").Nth(1);
        (await first.GetAttributeAsync("open")).ShouldBeNull();
        await svg.Locator("g.msg").Nth(1).Locator("rect.hit").ClickAsync();
        (await first.GetAttributeAsync("open")).ShouldNotBeNull();
        (await first.Locator("pre").IsVisibleAsync()).ShouldBeTrue();

        await check.ScreenshotAsync(new LocatorScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf("failing-check.png") });
        await svg.ScreenshotAsync(new LocatorScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf("sequence-diagram.png") });
        guard.ShouldHaveLoadedOnly(report.ReportUrl);
        (await guard.ViolationsAsync()).ShouldBeEmpty("the page's own script is allowed by its hash");
    }

    [Fact]
    public async Task Level_section_and_text_filters_narrow_the_checks()
    {
        await using var context = await chromium.NewContextAsync();
        var guard = await PageGuard.OpenAsync(context);
        var page = guard.Page;
        await page.GotoAsync(report.ReportUrl);
        var visible = page.Locator("details.check:visible");

        await page.Locator("#filters select[name=level]").SelectOptionAsync("SHOULD");
        (await visible.CountAsync()).ShouldBe(report.Run.Checks.Count(c => c.Check.Level == RequirementLevel.Should));

        await page.Locator("#filters select[name=level]").SelectOptionAsync(string.Empty);
        await page.Locator("#filters select[name=section]").SelectOptionAsync("9110/15.4.5");
        (await visible.CountAsync()).ShouldBe(report.Run.Checks.Count(c => c.Check.Section == "9110/15.4.5"));
        (await visible.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.section)")).ShouldAllBe(s => s == "9110/15.4.5");

        await page.Locator("#filters select[name=section]").SelectOptionAsync(string.Empty);
        await page.Locator("#filters input[name=q]").FillAsync("stale");
        var found = await visible.EvaluateAllAsync<string[]>("els => els.map(e => e.id)");
        found.ShouldContain(Failing, "its requirement talks of a stale write");
        found.Length.ShouldBeLessThan(report.Run.Checks.Count);

        await page.Locator("#filters button[type=reset]").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('details.check:not([hidden])').length === {report.Run.Checks.Count.ToString(CultureInfo.InvariantCulture)}");
        guard.ShouldHaveLoadedOnly(report.ReportUrl);
    }

    [Fact]
    public async Task A_link_to_a_check_opens_it()
    {
        await using var context = await chromium.NewContextAsync();
        var guard = await PageGuard.OpenAsync(context);
        var page = guard.Page;
        await page.GotoAsync(report.ReportUrl);

        await page.Locator($"table.matrix a[href='#{Failing}']").ClickAsync();

        var check = page.Locator($"details.check#{Failing}");
        (await check.GetAttributeAsync("open")).ShouldNotBeNull();
        (await check.Locator("svg.sequence").IsVisibleAsync()).ShouldBeTrue();

        await page.GotoAsync(report.ReportUrl + "#" + Uri.EscapeDataString($"{Failing}/exchange-2"));
        (await page.Locator($"details.exchange[id='{Failing}/exchange-2']").GetAttributeAsync("open")).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_page_reads_without_script()
    {
        await using var context = await chromium.NewContextAsync(javaScript: false);
        var guard = await PageGuard.OpenAsync(context, javaScript: false);
        var page = guard.Page;
        await page.GotoAsync(report.ReportUrl);

        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeFalse("no controls that would do nothing");
        (await page.Locator("#summary").InnerTextAsync()).ShouldContain("Not conformant");
        (await page.Locator("details.check:visible").CountAsync()).ShouldBe(report.Run.Checks.Count);
        var check = page.Locator($"details.check#{Failing}");
        await check.Locator("summary").First.ClickAsync();
        (await check.Locator("svg.sequence").IsVisibleAsync()).ShouldBeTrue("the diagram is drawn on the server side");
        (await check.Locator("details.exchange.decisive pre").IsVisibleAsync()).ShouldBeTrue();
        await page.ScreenshotAsync(new PageScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf("report-without-script.png") });
        guard.ShouldHaveLoadedOnly(report.ReportUrl);
    }

    [Fact]
    public async Task Printing_hides_the_controls_and_shows_the_failing_checks()
    {
        await using var context = await chromium.NewContextAsync();
        var guard = await PageGuard.OpenAsync(context);
        var page = guard.Page;
        await page.GotoAsync(report.ReportUrl);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        (await page.Locator("#filters").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("nav.toc").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator($"details.check#{Failing} figure.seq").IsVisibleAsync()).ShouldBeTrue("a failing check prints open, even closed on screen");
        (await page.Locator("details.check:not(.failing) table.expect, details.check:not(.failing) pre").First.IsVisibleAsync()).ShouldBeFalse("passing checks print as their summary line");
        await page.PdfAsync(new PagePdfOptions { Path = Screenshots.PathOf("report.pdf"), Format = "A4" });
        guard.ShouldHaveLoadedOnly(report.ReportUrl);
    }

    [Fact]
    public async Task The_cross_target_index_has_a_column_per_target_and_links_into_each_report()
    {
        await using var context = await chromium.NewContextAsync();
        var guard = await PageGuard.OpenAsync(context);
        var page = guard.Page;
        await page.GotoAsync(report.IndexUrl);

        (await page.Locator("table.matrix thead th.cell").AllInnerTextsAsync()).ShouldBe([DefectReport.CorrectTarget, DefectReport.DefectTarget]);
        var rows = page.Locator("table.matrix tbody tr");
        (await rows.CountAsync()).ShouldBe(report.Run.Checks.Count);
        await page.Locator("#filters input[name=failures]").CheckAsync();
        (await page.Locator("table.matrix tbody tr:visible").CountAsync()).ShouldBe(report.Failing.Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Style = Screenshots.Style, Path = Screenshots.PathOf("cross-target-index.png"), FullPage = true });

        await page.Locator($"table.matrix tr[data-check='{Failing}'] a[href='{DefectReport.DefectTarget}/index.html#{Failing}']").ClickAsync();

        await page.WaitForURLAsync(report.ReportUrl + "#" + Failing);
        (await page.Locator($"details.check#{Failing}").GetAttributeAsync("open")).ShouldNotBeNull("the script opens the check the link names");
        guard.Blocked.ShouldBeEmpty();
        guard.Requests.ShouldAllBe(r => r.StartsWith("file://", StringComparison.Ordinal));
    }
}
