using ConformanceKit.Http;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using ConformanceKit.Races;

namespace ConformanceKit.Tests.Load.Http;

/// <summary>load.html from a report whose every text came from a hostile target: all of it escaped, nothing fetched.</summary>
[Collection(LoadRuns.Name)]
public sealed class LoadHtmlTests
{
    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    [Fact]
    public async Task Target_provided_text_is_escaped_everywhere_and_the_page_loads_nothing()
    {
        var scenario = new LoadScenario("writers",
            [LoadKit.Step("read", c => c.Iteration % 2 == 0 ? StepOutcome.Ok(200) : StepOutcome.Fail(500, "server said " + Hostile)), LoadKit.Ok("write")],
            [LoadPhase.FixedIterations(2, 20)])
        {
            Thresholds = [Threshold.Parse("error_rate < 1%")],
        };
        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);
        var write = Operation.Write("u0001", 1, new Interval(TimeSpan.Zero, TimeSpan.FromMilliseconds(1)), EntityTag.Strong("<b>tag</b>"), ContentDigest.Of("x"), 204, EntityTag.Strong("\"onmouseover=alert(3)"[1..]));
        var report = new LoadReport
        {
            Target = "evil" + Hostile,
            TargetKind = "http",
            Defects = [Hostile],
            BaseUrl = "http://127.0.0.1:1/" + Hostile,
            Workload = Workloads.ContendedWriters,
            Load = new LoadShapeReport("closed", 2, null, null, 1, 1, null),
            ToolVersion = "test",
            StartedAt = result.StartedAt,
            DurationSeconds = result.Duration.TotalSeconds,
            StopReason = result.StopReason,
            StopMessage = "stopped: " + Hostile,
            Passed = result.Passed,
            ExitCode = 1,
            Thresholds = result.Thresholds,
            Conditional = ConditionalMetrics.From(result, []),
            Verifications =
            [
                new VerificationReport("/items/" + Hostile, 2, false, 2, 0, 1, 1, 1,
                    [new ViolationReport("lost-update", "explained " + Hostile, 1, "load", 2, [write.Describe(), Hostile])],
                    new CounterRuleReport("Broken", "counter " + Hostile), "final " + Hostile),
            ],
            Scenarios = result.Scenarios,
        };

        var html = LoadHtml.Render(report);

        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<img");
        html.ShouldNotContain("<b>tag");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
        html.ShouldContain("server said &lt;script&gt;");
        html.ShouldContain("explained &lt;script&gt;");
        html.ShouldContain("counter &lt;script&gt;");
        html.ShouldContain("stopped: &lt;script&gt;");
        html.ShouldContain("If-Match &quot;&lt;b&gt;tag&lt;/b&gt;&quot;");
        html.ShouldContain("Content-Security-Policy\" content=\"default-src 'none';");
        html.ShouldNotContain("src=\"");
        html.ShouldNotContain("href=\"http");
        html.ShouldNotContain("url(");
        html.Split("<script>").Length.ShouldBe(2, "the page's own script only");
        report.ToJson().ShouldContain("\"exitCode\": 1");
    }
}
