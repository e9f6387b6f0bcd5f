using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Reports;
using Xunit.Abstractions;

namespace ConformanceKit.Suites.Tests;

/// <summary>
/// Each scenario of suites/ is one test case against the CONFORMANCE_TARGET. A broken MUST (fail) or a check
/// that could not be evaluated (error) fails the test with expected vs actual and every exchange; a scenario
/// that does not apply to the target is skipped with the reason; warn and info pass and are written to the
/// test output (set CONFORMANCE_FAIL_ON=should to fail on warn too).
/// </summary>
public sealed class ScenarioTests(TargetFixture target, ITestOutputHelper output) : IClassFixture<TargetFixture>
{
    private static bool FailOnWarn => Environment.GetEnvironmentVariable("CONFORMANCE_FAIL_ON") == "should";

    [SkippableTheory]
    [MemberData(nameof(Catalog.Ids), MemberType = typeof(Catalog))]
    public async Task Check(string scenario)
    {
        var result = await target.Runner.RunAsync(Catalog.Get(scenario), CancellationToken.None);
        Skip.If(result.Verdict == Verdict.Skip, result.Message);
        output.WriteLine($"{result.Verdict}: {result.Message}");
        var failing = result.Verdict is Verdict.Fail or Verdict.Error || (FailOnWarn && result.Verdict == Verdict.Warn);
        if (failing)
        {
            // Shouldly shows the server's answer against what the requirement expects, then the evidence.
            result.Actual.ShouldBe(result.Expected, Explain(result));
            result.Verdict.ShouldBe(Verdict.Pass, Explain(result));
        }
    }

    private static string Explain(CheckResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"{result.Check.Id} ({result.Check.Section} {result.Check.Level.ToString().ToUpperInvariant()}) against target '{TargetFixture.TargetName}': {result.Verdict.ToString().ToUpperInvariant()}");
        text.AppendLine($"requirement: {result.Check.Requirement}");
        text.AppendLine(result.Message);
        if (result.Expected is not null)
        {
            text.AppendLine($"expected: {result.Expected}");
            text.AppendLine($"actual:   {result.Actual}");
        }

        foreach (var exchange in result.Exchanges)
        {
            text.AppendLine();
            text.AppendLine($"--- {(exchange.Step == 0 ? "setup" : $"step {exchange.Step}")}, client {exchange.Client}{(exchange.Step == result.DecidingStep ? " (decided the verdict)" : string.Empty)}");
            text.AppendLine(HtmlReportWriter.FormatExchange(exchange));
        }

        return text.ToString();
    }
}
