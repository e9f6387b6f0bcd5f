using ConformanceKit.Checks;
using ConformanceKit.Races;
using ConformanceKit.ReferenceServer;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Races;

/// <summary>The catalog's race scenarios as checks: pass with their figures on the correct server, fail with
/// the violation, the seed and the operations that show it where writes are not atomic.</summary>
public sealed class RaceCheckTests
{
    private static readonly IReadOnlyList<Scenario> Races = new ScenarioLoader()
        .Load([RepositoryPaths.Suites])
        .Where(s => s.Race is not null)
        .ToList();

    [Fact]
    public void The_catalog_races_with_both_workloads()
    {
        Races.Select(s => s.Race!.Workload).Distinct().Order().ShouldBe([RaceWorkload.IfMatch, RaceWorkload.ReadModifyWrite]);
    }

    [Fact]
    public async Task On_the_correct_server_every_race_passes_with_its_figures()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);

        var run = await ConformanceRun.ExecuteAsync(session, Races, seed: 7, progress: null, deadline.Token);

        foreach (var result in run.Checks)
        {
            result.Verdict.ShouldBe(Verdict.Pass, $"{result.Check.Id}: {result.Message}");
            var race = result.Race.ShouldNotBeNull();
            race.Violations.ShouldBeEmpty();
            race.Seed.ShouldBe(7);
            race.Done.ShouldBeGreaterThan(0);
            result.Message.ShouldBe(race.Summary);
            result.Exchanges.Count.ShouldBeGreaterThan(2, "the setup, the probe and the first round's exchanges");
        }

        var ifMatch = run.Checks.Single(c => c.Race!.Workload == RaceWorkload.IfMatch).Race!;
        ifMatch.RoundsByWinners.ShouldBe(new Dictionary<int, int> { [1] = ifMatch.Planned });
    }

    [Fact]
    public async Task A_non_atomic_write_fails_both_races_naming_the_seed_and_the_writes()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token, Defects.NonAtomicWrite.Name);

        var run = await ConformanceRun.ExecuteAsync(session, Races, seed: 7, progress: null, deadline.Token);

        foreach (var result in run.Checks)
        {
            result.Verdict.ShouldBe(Verdict.Fail, $"{result.Check.Id}: {result.Message}");
            result.Message.ShouldStartWith("lost-update in ");
            result.Message.ShouldContain("(seed 7)");
            var violation = result.Race!.Violations[0];
            violation.Operations.Count.ShouldBeGreaterThanOrEqualTo(2);
            result.Exchanges.ShouldContain(e => ReferenceEquals(e, violation.Operations[0].Evidence), "the evidence shows the writes of the violation");
            result.Expected.ShouldNotBeNull();
            result.Actual.ShouldBe(result.Race.Summary);
        }
    }
}
