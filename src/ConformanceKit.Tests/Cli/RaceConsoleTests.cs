using ConformanceKit.Checks;
using ConformanceKit.Cli;
using ConformanceKit.Cli.Commands;
using ConformanceKit.Races;
using ConformanceKit.Scenarios;
using ConformanceKit.Tests.Races;

namespace ConformanceKit.Tests.Cli;

/// <summary>A detected race violation prints its seed and the slice of history that shows it, on the console
/// and in every report.</summary>
public sealed class RaceConsoleTests : IDisposable
{
    private const string Targets = """{ "targets": { "na": { "kind": "reference", "defects": ["non-atomic-write"] } } }""";

    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_lost_update_prints_the_seed_and_the_operations_that_show_it()
    {
        var code = await _cli.RunTargetAsync("na", _cli.WriteFile("targets.json", Targets), "--only", "if-match-race-one-winner", "--seed", "5");

        code.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        var lines = _cli.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var failed = lines.FindIndex(l => l.StartsWith("FAIL  if-match-race-one-winner", StringComparison.Ordinal));
        failed.ShouldBeGreaterThanOrEqualTo(0, _cli.Output);
        lines[failed + 1].ShouldStartWith("      lost-update in race round ");
        lines[failed + 1].ShouldContain("(seed 5)");
        var slice = lines.Skip(failed + 2).TakeWhile(l => l.StartsWith("        ", StringComparison.Ordinal)).ToList();
        slice.Count.ShouldBeInRange(2, RunCommand.MaxConsoleOperations);
        slice.ShouldAllBe(l => l.Contains(" PUT If-Match \"") && l.Contains(" → 204 ETag \""));

        using var results = _cli.Results("na");
        var race = results.RootElement.GetProperty("checks").EnumerateArray().Single().GetProperty("race");
        race.GetProperty("seed").GetInt32().ShouldBe(5);
        race.GetProperty("violations")[0].GetProperty("operations").GetArrayLength().ShouldBe(slice.Count);
        var html = _cli.Report("na");
        html.ShouldContain("<caption>The operations that show it</caption>");
        html.ShouldContain("--seed 5 --only if-match-race-one-winner");
    }

    [Fact]
    public void A_long_slice_is_cut_to_the_line_limit_with_a_count_of_the_rest()
    {
        var h = new HistoryBuilder(seed: 9, label: "race round 1").Initially("1", "c0");
        for (var i = 0; i < 30; i++)
        {
            h.Write($"c{i:00}", i * 0.01, 5, "1", $"w{i}", 204, $"{i + 2}");
        }

        var violations = HistoryChecker.Check(h.Final(200, "31", "w29"));
        var evidence = new RaceEvidence
        {
            Workload = RaceWorkload.IfMatch,
            Clients = 30,
            Seed = 9,
            Planned = 1,
            Done = 1,
            WriteStatuses = StatusHistogram.Of([]),
            Violations = violations,
            ViolationCount = violations.Count,
            Summary = "1 round",
        };
        var check = new CheckInfo("if-match-race-one-winner", "9110/13.1.1", RequirementLevel.Must, "One winner", "One winner.");
        var result = CheckResult.Violated(check, "lost-update in race round 1 (seed 9): \u001b[31mred", "none", "some", []) with { Race = evidence };

        var lines = RunCommand.ConsoleLine(result).Split('\n');

        violations[0].Operations.Count.ShouldBe(30);
        lines.Length.ShouldBe(2 + RunCommand.MaxConsoleOperations);
        lines[1].ShouldNotContain("\u001b", customMessage: "control characters from a target never reach the terminal");
        lines[2].ShouldStartWith("        c00#1 PUT If-Match \"1\"");
        lines[^1].ShouldBe("        … 11 more (see results.json or index.html)");
    }

    public void Dispose() => _cli.Dispose();
}
