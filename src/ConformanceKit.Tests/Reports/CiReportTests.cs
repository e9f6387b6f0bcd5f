using System.Xml.Linq;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Reports;
using ConformanceKit.Runs;

namespace ConformanceKit.Tests.Reports;

/// <summary>What a CI parser trips on in junit.xml and a job summary in summary.md: counts per suite, times,
/// stable test names, characters XML cannot carry, the SHOULD gate, and size.</summary>
public sealed class CiReportTests
{
    [Fact]
    public void Every_suite_counts_its_own_tests_failures_errors_and_skips()
    {
        var document = XDocument.Parse(JunitWriter.Render(SampleRun.Create()));

        foreach (var suite in document.Descendants("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            suite.Attribute("tests")!.Value.ShouldBe(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            suite.Attribute("failures")!.Value.ShouldBe(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
            suite.Attribute("errors")!.Value.ShouldBe(cases.Count(c => c.Element("error") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
            suite.Attribute("skipped")!.Value.ShouldBe(cases.Count(c => c.Element("skipped") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture));
            suite.Attribute("timestamp")!.Value.ShouldBe("2026-11-25T12:00:00");
            double.Parse(suite.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(cases.Sum(c => double.Parse(c.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture)), 0.0015);
        }

        document.Descendants("testsuite").Select(s => s.Attribute("name")!.Value).ShouldBe(["6585/3", "9110/8.8.3", "9110/13.1.1", "9110/13.1.2", "9110/13.1.5"], "section order");
        document.Descendants("testcase").Select(c => c.Attribute("name")!.Value).ShouldContain("optimistic-locking", "named by the stable check id");
        document.Descendants("testcase").Select(c => c.Attribute("classname")!.Value).ShouldContain("conformancekit.my-api.rfc9110-13_1_1");
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_replaced_everywhere()
    {
        var hostile = "bad \u0000 \u0001 \u001b[31m \uD800 \uFFFE ]]> <x/> end";
        var check = new CheckInfo("hostile", "9110/13.1.1", RequirementLevel.Must, "Hostile \u0007 title", "Requirement.");
        var exchange = new Exchange("A", 1, new RecordedRequest("GET", new Uri("http://127.0.0.1/x"), [], null),
            new RecordedResponse(200, hostile, "HTTP/1.1", [new("X-Bad", hostile)], hostile, hostile.Length, false), null, DateTimeOffset.UnixEpoch, TimeSpan.Zero);
        var run = new RunResult("t\u0001", "http", [], DateTimeOffset.UnixEpoch, TimeSpan.Zero, 1, "0.1.0", [
            CheckResult.Broken(check, new ExpectationFailure(1, "A GET", "status", "304", hostile), [exchange]),
            CheckResult.Errored(check with { Id = "hostile-error" }, hostile, [exchange]),
            CheckResult.Skipped(check with { Id = "hostile-skip" }, hostile),
        ]);

        var xml = JunitWriter.Render(run);

        var document = XDocument.Parse(xml);
        document.Descendants("failure").ShouldHaveSingleItem().Value.ShouldContain("bad \uFFFD \uFFFD \uFFFD[31m \uFFFD \uFFFD ]]> <x/> end");
        document.Descendants("error").ShouldHaveSingleItem().Attribute("type")!.Value.ShouldBe("not-evaluated");
        document.Descendants("skipped").ShouldHaveSingleItem().Attribute("message")!.Value.ShouldStartWith("bad \uFFFD");
        MarkdownSummaryWriter.Render(run).ShouldNotContain("\u001b");
    }

    [Fact]
    public void Under_the_should_gate_a_warning_is_a_failure()
    {
        var document = XDocument.Parse(JunitWriter.Render(SampleRun.Create(), GateLevel.Should));

        document.Root!.Attribute("failures")!.Value.ShouldBe("2");
        var warned = document.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "etag-sent");
        warned.Element("failure")!.Attribute("type")!.Value.ShouldBe("SHOULD");
        MarkdownSummaryWriter.Render(SampleRun.Create(), GateLevel.Should).ShouldContain("**Not conformant** (gate SHOULD): 3 of 6 checks break the gate");
    }

    [Fact]
    public void Markdown_keeps_a_badly_broken_run_to_a_bounded_size()
    {
        var check = new CheckInfo("c", "9110/13.1.1", RequirementLevel.Must, "t", "r");
        var checks = Enumerable.Range(0, 120).Select(i => CheckResult.Broken(check with { Id = $"c-{i:000}" }, new ExpectationFailure(1, "A GET", "body", "x", new string('y', 5000)), [])).ToList();
        var run = new RunResult("t", "http", [], DateTimeOffset.UnixEpoch, TimeSpan.Zero, 1, "0.1.0", checks);

        var markdown = MarkdownSummaryWriter.Render(run);

        markdown.Split('\n').Count(l => l.StartsWith("| fail |", StringComparison.Ordinal)).ShouldBe(MarkdownSummaryWriter.MaxRows);
        markdown.ShouldContain("… and 70 more that did not pass: see index.html.");
        markdown.Length.ShouldBeLessThan(MarkdownSummaryWriter.MaxRows * (MarkdownSummaryWriter.MaxMessage + 200) + 1000);
    }
}
