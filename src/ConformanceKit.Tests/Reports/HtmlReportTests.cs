using System.Text;
using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Reports;
using ConformanceKit.Reports.Html;
using ConformanceKit.Runs;
using ConformanceKit.Tests.Configuration;

namespace ConformanceKit.Tests.Reports;

/// <summary>The HTML report as text: summary, matrix, filters, the sequence diagram, the optional sections,
/// and the cross-target index. (The Playwright tests open the same pages in Chromium.)</summary>
public sealed class HtmlReportTests
{
    private const string HostileTag = "\"<svg/onload=alert(3)>\"";

    [Fact]
    public void Summary_has_counts_per_verdict_and_level_and_the_gate()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create());

        html.ShouldContain("<section id=\"summary\">");
        html.ShouldContain("Not conformant (gate MUST): 2 of 6 checks break the gate");
        html.ShouldContain("<tr><th scope=\"row\">MUST</th><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td><td>1</td><td>4</td></tr>", Case.Sensitive, "pass fail warn info skip error total");
        html.ShouldContain("<tr><th scope=\"row\">SHOULD</th><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>");
        html.ShouldContain("<tr class=\"all\"><th scope=\"row\">all</th><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>6</td></tr>");
        html.ShouldContain("ConformanceKit 0.1.0");
        html.ShouldContain("<time datetime=\"2026-11-25T12:00:00.0000000+00:00\">2026-11-25 12:00:00Z</time>");
    }

    [Fact]
    public void Should_gate_makes_warnings_failing()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create(), new HtmlReportOptions { Gate = GateLevel.Should });

        html.ShouldContain("Not conformant (gate SHOULD): 3 of 6 checks break the gate");
        html.ShouldContain("<details class=\"check failing\" id=\"etag-sent\"");
    }

    [Fact]
    public void Matrix_has_one_column_and_links_each_cell_to_its_check()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create());

        html.ShouldContain("<caption>6 checks × 1 target</caption>");
        html.ShouldContain("<th scope=\"col\" class=\"cell\">my-api</th>");
        html.ShouldContain("<a href=\"#optimistic-locking\" title=\"step 4 (B PUT {resource} If-Match): status: expected 412, got 204\"><span class=\"v fail\">fail</span></a>");
        // Section order: 6585/3, then 9110/8.8.3 before 9110/13.1.1.
        html.IndexOf("data-check=\"etag-sent\" data-failing=\"no\" data-level=\"SHOULD\" data-section=\"9110/8.8.3\"><th", StringComparison.Ordinal)
            .ShouldBeLessThan(html.IndexOf("<tr data-check=\"optimistic-locking\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Checks_are_details_with_filter_attributes_and_the_filter_form_is_hidden_until_script_shows_it()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create());

        html.ShouldContain("<form id=\"filters\" class=\"filters\" role=\"search\" hidden>");
        html.ShouldContain("<option>9110/8.8.3</option><option>9110/13.1.1</option>");
        html.ShouldContain("<details class=\"check failing\" id=\"optimistic-locking\" data-check=\"optimistic-locking\" data-count=\"\" data-verdict=\"fail\" data-failing=\"yes\" data-level=\"MUST\" data-section=\"9110/13.1.1\">");
        html.ShouldContain("<details class=\"check\" id=\"if-match-stale-get\" data-check=\"if-match-stale-get\" data-count=\"\" data-verdict=\"pass\" data-failing=\"no\"");
        html.ShouldNotContain("<details class=\"check failing\" id=\"optimistic-locking\" data-check=\"optimistic-locking\" data-count=\"\" data-verdict=\"fail\" data-failing=\"yes\" data-level=\"MUST\" data-section=\"9110/13.1.1\" open");
        html.ShouldContain("<table class=\"expect\"><tr><th scope=\"row\">expected</th><td><code>412</code></td></tr><tr><th scope=\"row\">actual</th><td><code>204</code></td></tr></table>");
        html.ShouldContain("@media print");
    }

    [Fact]
    public void Every_link_is_a_fragment_or_the_rfc()
    {
        var html = HtmlReportWriter.Render(TwoClientRun());

        foreach (var link in HtmlPage.Links(html))
        {
            (link.StartsWith('#') || link.StartsWith("https://www.rfc-editor.org/rfc/rfc", StringComparison.Ordinal)).ShouldBeTrue(link);
        }
    }

    [Fact]
    public void A_two_client_scenario_gets_a_sequence_diagram_with_the_deciding_step_highlighted()
    {
        var html = HtmlReportWriter.Render(TwoClientRun());
        HtmlPage.ShouldHaveOnlyItsOwnScript(html);

        var start = html.IndexOf("<figure class=\"seq\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        var svg = html[start..html.IndexOf("</figure>", start, StringComparison.Ordinal)];
        svg.ShouldContain("Sequence: clients A and B (after the setup client) and the server, 6 exchanges in the order sent; the highlighted step 4 decided the verdict.");
        svg.ShouldContain("<g class=\"lifeline client\">");
        svg.ShouldContain(">client A</text>");
        svg.ShouldContain(">client B</text>");
        svg.ShouldContain(">setup</text>");
        svg.ShouldContain(">server</text>");
        CountOf(svg, "<line class=\"request\"").ShouldBe(6, "one arrow per request");
        CountOf(svg, "<line class=\"response").ShouldBe(6, "one arrow per response (or its absence)");
        CountOf(svg, "<rect class=\"band\"").ShouldBe(1);
        svg.ShouldContain("<g class=\"msg deciding\" data-step=\"4\">");
        svg.ShouldContain("font-weight=\"bold\">▶ step 4</text>");
        svg.ShouldContain("font-style=\"italic\">expected 412</text>", Case.Sensitive, "beside the deciding answer, what was expected");
        svg.ShouldContain("PUT If-Match: &quot;1&quot;</text>");
        svg.ShouldContain("204 No Content · ETag: &quot;2&quot;</text>");
        svg.ShouldContain("GET If-None-Match: &quot;&lt;svg/onload=alert(3)&gt;&quot;</text>", Case.Sensitive, "the target's ETag, escaped");
        svg.ShouldContain("✕ no response: connection reset &lt;b&gt;</text>");
        svg.ShouldContain("<a href=\"#optimistic-locking/exchange-4\">");
        svg.ShouldNotContain("<svg/onload");
        html.ShouldContain("<details class=\"exchange decisive\" open id=\"optimistic-locking/exchange-4\"><summary>step 4 · client B · PUT If-Match: &quot;1&quot; → 204 No Content · ETag: &quot;2&quot; · <span title=\"2026-11-25T12:00:00.0400000+00:00\">at +40.0 ms</span>, took 1.5 ms · <strong>decided the verdict</strong></summary>");
    }

    [Fact]
    public void A_single_client_scenario_has_no_diagram()
    {
        HtmlReportWriter.Render(SampleRun.Create()).ShouldNotContain("<figure class=\"seq\">");
    }

    [Fact]
    public void Optional_sections_follow_the_checks_with_a_contents_link()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create(), new HtmlReportOptions { Sections = [new FixedSection()] });

        html.ShouldContain("<a href=\"#load\">Load &amp; latency</a>");
        var section = html.IndexOf("<section id=\"load\" class=\"extra\"><h2>Load &amp; latency</h2>\n<p>p99 12 ms</p>\n</section>", StringComparison.Ordinal);
        section.ShouldBeGreaterThan(html.IndexOf("<section id=\"checks\">", StringComparison.Ordinal));
    }

    [Fact]
    public void Encode_escapes_markup_and_replaces_control_characters()
    {
        HtmlText.Encode("<a href='x'>\"&\u0001\u001b\r\n\t").ShouldBe("&lt;a href=&#39;x&#39;&gt;&quot;&amp;\uFFFD\uFFFD\n\t");
        HtmlText.Encode(null).ShouldBe(string.Empty);
    }

    [Fact]
    public void Sections_order_by_their_numbers()
    {
        string[] sections = ["9110/13.10", "9110/13.1.2", "6585/3", "9110/8.8.3", "9110/13.1.1", "9110/13.2"];

        sections.Order(SectionOrder.Instance)
            .ShouldBe(["6585/3", "9110/8.8.3", "9110/13.1.1", "9110/13.1.2", "9110/13.2", "9110/13.10"]);
    }

    [Fact]
    public void Cross_target_index_has_a_column_per_results_json_and_names_unreadable_ones()
    {
        using var folder = new TempFolder();
        JsonResultsWriter.Write(SampleRun.Create(), Path.Combine(folder.Path, "my-api", "results.json"));
        JsonResultsWriter.Write(SampleRun.Create() with { Target = "other<b>", Checks = SampleRun.Create().Checks.Take(2).ToList() }, Path.Combine(folder.Path, "other", "results.json"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "broken"));
        File.WriteAllText(Path.Combine(folder.Path, "broken", "results.json"), "{ not json");
        Directory.CreateDirectory(Path.Combine(folder.Path, "screenshots"));

        var path = CrossTargetIndex.Write(folder.Path);

        path.ShouldBe(Path.Combine(folder.Path, "index.html"));
        var html = File.ReadAllText(path);
        HtmlPage.ShouldHaveOnlyItsOwnScript(html);
        html.ShouldContain("<caption>6 checks × 2 targets</caption>");
        html.ShouldContain("<th scope=\"col\" class=\"cell\"><a href=\"my-api/index.html\">my-api</a></th><th scope=\"col\" class=\"cell\"><a href=\"other/index.html\">other&lt;b&gt;</a></th>");
        html.ShouldContain("<a href=\"my-api/index.html#optimistic-locking\"");
        html.ShouldContain("<a href=\"other/index.html#optimistic-locking\"");
        html.ShouldContain("<span class=\"none\" title=\"not run on this target\">–</span>", Case.Sensitive, "other ran two checks only");
        html.ShouldContain("Not shown, could not be read: broken/results.json:");
        html.ShouldContain("<span class=\"gate no\">not conformant</span> <small>(MUST)</small>");
    }

    [Fact]
    public void Cross_target_index_of_an_empty_folder_says_so()
    {
        using var folder = new TempFolder();
        var html = File.ReadAllText(CrossTargetIndex.Write(Path.Combine(folder.Path, "reports")));

        html.ShouldContain("0 targets");
    }

    [Fact]
    public void Json_carries_the_gate_it_was_judged_by()
    {
        using var stream = new MemoryStream();
        JsonResultsWriter.Write(SampleRun.Create(), stream, GateLevel.Should);

        using var json = JsonDocument.Parse(stream.ToArray());
        json.RootElement.GetProperty("gate").GetString().ShouldBe("SHOULD");
        json.RootElement.GetProperty("conformant").GetBoolean().ShouldBeFalse();
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>optimistic-locking as a broken server answers it: A and B read, A writes, B's stale write is
    /// applied (step 4 decides), then B's conditional read carries a hostile ETag and gets no response.</summary>
    private static RunResult TwoClientRun()
    {
        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var check = new CheckInfo("optimistic-locking", "9110/13.1.1", RequirementLevel.Must, "Stale write refused", "A stale If-Match write is refused with 412.");
        Exchange At(int ms, string client, int step, string method, HeaderLine[] headers, RecordedResponse? response, string? error = null) =>
            new(client, step, new RecordedRequest(method, new Uri("http://127.0.0.1:8080/items/x"), [new("Host", "127.0.0.1:8080"), .. headers], null), response, error, start.AddMilliseconds(ms), TimeSpan.FromMilliseconds(1.5));
        RecordedResponse Answer(int status, string reason, string etag) => new(status, reason, "HTTP/1.1", [new("ETag", etag)], string.Empty, 0, false);
        var exchanges = new List<Exchange>
        {
            At(0, "setup", 0, "PUT", [new("If-None-Match", "*")], Answer(201, "Created", "\"1\"")),
            At(10, "A", 1, "GET", [], Answer(200, "OK", "\"1\"")),
            At(20, "B", 2, "GET", [], Answer(200, "OK", HostileTag)),
            At(30, "A", 3, "PUT", [new("If-Match", "\"1\"")], Answer(204, "No Content", "\"2\"")),
            At(40, "B", 4, "PUT", [new("If-Match", "\"1\"")], Answer(204, "No Content", "\"2\"")),
            At(50, "B", 5, "GET", [new("If-None-Match", HostileTag)], null, "connection reset <b>"),
        };
        var result = CheckResult.Broken(check, new ExpectationFailure(4, "B PUT {resource} If-Match", "status", "412", "204"), exchanges);
        return new RunResult("my-api", "http", [], start, TimeSpan.FromSeconds(1), 1, "0.1.0", [result]);
    }

    private sealed class FixedSection : IReportSection
    {
        public string Id => "load";

        public string Title => "Load & latency";

        public void WriteBody(StringBuilder html) => html.Append("<p>p99 12 ms</p>\n");
    }
}
