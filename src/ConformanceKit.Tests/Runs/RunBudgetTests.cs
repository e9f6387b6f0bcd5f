using System.Diagnostics;
using ConformanceKit.Cli;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Runs;

/// <summary>The run's time budget and the per-request timeout, from the command line and from targets.json,
/// against a target that never answers: the run ends on time with exit 3, the checks it did not reach are error
/// verdicts that say so, and every report is written. Request timeouts of a second or more: the reachability
/// probe (GET /, answered at once) must not time out on a loaded machine.</summary>
public sealed class RunBudgetTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_run_over_its_budget_stops_writes_its_reports_and_exits_3()
    {
        await using var server = new HostileServer(Misbehaviour.NeverAnswers);
        var file = Targets(server, string.Empty);
        var clock = Stopwatch.StartNew();

        var code = await _cli.RunTargetAsync("hostile", file, "--timeout", "3s", "--request-timeout", "1s");

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        code.ShouldBe(ExitCodes.CannotRun, _cli.Output + _cli.Error);
        AssertStoppedEarly("3 s");
        _cli.Output.ShouldContain("no complete response within 1 s", Case.Sensitive, "the checks run before the budget ran out timed out per request");
    }

    [Fact]
    public async Task The_target_file_sets_both_timeouts()
    {
        await using var server = new HostileServer(Misbehaviour.NeverAnswers);
        var file = Targets(server, ", \"timeouts\": { \"request\": \"1s\", \"run\": \"2500ms\" }");

        var code = await _cli.RunTargetAsync("hostile", file);

        code.ShouldBe(ExitCodes.CannotRun, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("time budget 2.5 s)");
        AssertStoppedEarly("2.5 s");
        _cli.Output.ShouldContain("no complete response within 1 s");
    }

    [Fact]
    public async Task The_command_line_wins_over_the_target_file()
    {
        await using var server = new HostileServer(Misbehaviour.NeverAnswers);
        var file = Targets(server, ", \"timeouts\": { \"request\": \"20s\" }, \"maxBodyBytes\": 2048");

        var code = await _cli.RunTargetAsync("hostile", file, "--only", "conditional-get-304", "--request-timeout", "1500ms", "--max-body-bytes", "4096");

        code.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("no complete response within 1.5 s");
    }

    public void Dispose() => _cli.Dispose();

    private void AssertStoppedEarly(string budget)
    {
        using var results = _cli.Results("hostile");
        var root = results.RootElement;
        root.GetProperty("stoppedEarly").GetString().ShouldStartWith($"the run's time budget ({budget}) was used up after ");
        root.GetProperty("conformant").GetBoolean().ShouldBeFalse();
        var notRun = root.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("message").GetString() == $"not run: the run's time budget ({budget}, --timeout) was used up")
            .ToList();
        notRun.Count.ShouldBeGreaterThan(10, "most of the catalog was never reached");
        notRun.ShouldAllBe(c => c.GetProperty("verdict").GetString() == "error");
        root.GetProperty("checks").GetArrayLength().ShouldBe(root.GetProperty("summary").GetProperty("total").GetInt32());
        foreach (var report in new[] { "index.html", "junit.xml", "summary.md" })
        {
            File.Exists(Path.Combine(_cli.ReportRoot, "hostile", report)).ShouldBeTrue(report);
        }

        File.ReadAllText(Path.Combine(_cli.ReportRoot, "hostile", "summary.md")).ShouldContain("**Stopped early**: the run's time budget");
        _cli.Output.ShouldContain("stopped early: the run's time budget");
    }

    private string Targets(HostileServer server, string fields) =>
        _cli.WriteFile("targets.json", $$"""{ "targets": { "hostile": { "baseUrl": "{{server.BaseAddress.ToString().TrimEnd('/')}}", "resource": { "path": "/items/{id}" }{{fields}} } } }""");
}
