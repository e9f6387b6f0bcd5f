using System.Xml.Linq;
using ConformanceKit.Reports;

namespace ConformanceKit.Tests.Reports;

/// <summary>Approval tests: the rendered JUnit, JSON and Markdown of a fixed run must equal the approved files
/// in Reports/Approved/. On a difference the new output is written beside them as *.received.* to review
/// and, if right, to copy over the approved file.</summary>
public sealed class ReportShapeTests
{
    private static string ApprovedFolder => Path.Combine(RepositoryPaths.Root, "src", "ConformanceKit.Tests", "Reports", "Approved");

    [Fact]
    public void Junit_shape_is_approved_and_well_formed()
    {
        var xml = JunitWriter.Render(SampleRun.Create());

        Approve("junit.xml", xml);
        var document = XDocument.Parse(xml);
        document.Root!.Attribute("failures")!.Value.ShouldBe("1");
        document.Root.Attribute("errors")!.Value.ShouldBe("1");
        document.Descendants("testsuite").Count().ShouldBe(5, "one per section");
        xml.ShouldNotContain("\u0001");
    }

    [Fact]
    public void Json_shape_is_approved()
    {
        using var stream = new MemoryStream();
        JsonResultsWriter.Write(SampleRun.Create(), stream);

        Approve("results.json", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Markdown_shape_is_approved()
    {
        var markdown = MarkdownSummaryWriter.Render(SampleRun.Create());

        Approve("summary.md", markdown);
        markdown.ShouldContain("**Not conformant**");
    }

    [Fact]
    public void Html_escapes_everything_from_the_target_and_forbids_remote_loads()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create());

        HtmlPage.ShouldHaveOnlyItsOwnScript(html);
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldContain("Content-Security-Policy");
        html.ShouldContain("default-src 'none'");
        html.ShouldContain("https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1");
    }

    [Fact]
    public void Race_json_shape_is_approved()
    {
        using var stream = new MemoryStream();
        JsonResultsWriter.Write(SampleRaceRun.Create(), stream);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        Approve("race-results.json", json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var race = checks.Single(c => c.GetProperty("id").GetString() == "if-match-race-lost-update").GetProperty("race");
        race.GetProperty("roundsByWinners").GetProperty("3").GetInt32().ShouldBe(1);
        race.GetProperty("writeStatuses").GetProperty("204").GetInt32().ShouldBe(5);
        var violation = race.GetProperty("violations").EnumerateArray().First();
        violation.GetProperty("kind").GetString().ShouldBe("lost-update");
        var operations = violation.GetProperty("operations").EnumerateArray().ToList();
        operations.Select(o => o.GetProperty("name").GetString()).ShouldBe(["c01#2", "c02#2", "c03#2"]);
        operations[1].GetProperty("validatorReturned").GetString().ShouldBe($"\"{SampleRaceRun.HostileTag}\"");
        operations[1].GetProperty("exchange").GetInt32().ShouldBe(2, "the index of its exchange in the check's exchanges");
        checks.Single(c => c.GetProperty("id").GetString() == "read-modify-write-no-lost-update").GetProperty("race").GetProperty("workload").GetString().ShouldBe("read-modify-write");
    }

    [Fact]
    public void Race_junit_failure_carries_the_seed_and_the_operations()
    {
        var xml = JunitWriter.Render(SampleRaceRun.Create());

        Approve("race-junit.xml", xml);
        var failure = XDocument.Parse(xml).Descendants("failure").ShouldHaveSingleItem();
        failure.Value.ShouldContain("lost-update in race round 3 (seed 42)");
        failure.Value.ShouldContain("\n  c01#2 PUT If-Match \"1\"");
        failure.Value.ShouldContain($"ETag \"{SampleRaceRun.HostileTag}\"");
    }

    [Fact]
    public void Race_markdown_keeps_each_failure_on_one_table_line()
    {
        var markdown = MarkdownSummaryWriter.Render(SampleRaceRun.Create());

        Approve("race-summary.md", markdown);
        var row = markdown.Split('\n').Where(l => l.StartsWith("| fail |", StringComparison.Ordinal)).ShouldHaveSingleItem();
        row.ShouldContain("lost-update in race round 3 (seed 42)");
        row.ShouldEndWith(" |");
    }

    [Fact]
    public void Html_shows_race_evidence_and_escapes_what_the_target_sent()
    {
        var html = HtmlReportWriter.Render(SampleRaceRun.Create());

        HtmlPage.ShouldHaveOnlyItsOwnScript(html);
        html.ShouldContain("&lt;script&gt;alert(2)&lt;/script&gt;");
        html.ShouldContain("<caption>Rounds by number of winners</caption>");
        html.ShouldContain("<caption>Write statuses</caption>");
        html.ShouldContain("<tr class=\"off\"><th scope=\"row\">3</th><td class=\"num\">1</td>", Case.Sensitive, "a round with three winners is marked");
        html.ShouldContain("<code>lost-update</code> in race round 3 (seed 42)");
        html.ShouldContain("--seed 42 --only if-match-race-lost-update");
        foreach (var name in new[] { "c01#2", "c02#2", "c03#2" })
        {
            html.ShouldContain($"<th scope=\"row\"><code>{name}</code></th>");
        }

        html.ShouldContain("<a href=\"#if-match-race-lost-update/exchange-2\">PUT If-Match &quot;1&quot;</a>");
        html.ShouldContain("<details class=\"exchange decisive\" open id=\"if-match-race-lost-update/exchange-2\">", Case.Sensitive, "the violation's writes decided the verdict");
        html.ShouldContain("0.75..3.5 ms");
        html.ShouldContain("<code>one-winner</code></td><td>broken</td>");
        html.ShouldContain("stopped early: stopped at the first violation, in round 3");
    }

    private static void Approve(string name, string actual)
    {
        var approved = Path.Combine(ApprovedFolder, name);
        var received = Path.Combine(ApprovedFolder, Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
        var expected = File.Exists(approved) ? File.ReadAllText(approved) : null;
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
        }
        else if (File.Exists(received))
        {
            File.Delete(received);
        }

        actual.ShouldBe(expected, $"rendered {name} differs from {approved}; review {received} and copy it over if it is right");
    }
}
