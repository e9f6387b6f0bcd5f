using System.Diagnostics;
using ConformanceKit.Races;
using ConformanceKit.ReferenceServer;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.Races;

/// <summary>Race blocks against the reference server on loopback: the correct server gives one winner per
/// round and no violation; its defect modes show as lost updates.</summary>
public sealed class RaceRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_correct_server_has_exactly_one_winner_per_round_over_100_rounds_of_16_clients()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token);
        var clock = Stopwatch.StartNew();

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 16, Rounds = 100, Seed = 11 }, deadline.Token);

        output.WriteLine($"100 rounds of 16 clients in {clock.Elapsed.TotalSeconds:0.00} s");
        result.StopReason.ShouldBeNull();
        result.Rounds.Count.ShouldBe(100);
        foreach (var round in result.Rounds)
        {
            round.Violations.ShouldBeEmpty(round.ToString());
            round.Winners.Count.ShouldBe(1, round.ToString());
            round.Statuses.Count(412).ShouldBe(15, round.ToString());
            round.Expectations.Select(e => e.Outcome).ShouldAllBe(o => o == RuleOutcome.Holds, string.Join("; ", round.Expectations));
            round.History.Final!.Digest.ShouldBe(round.Winners[0].Digest);
        }

        result.IsClean.ShouldBeTrue();
        result.Rounds.Select(r => r.Validator).Distinct().Count().ShouldBe(100, "each round races on the ETag the previous one left");
    }

    [Fact]
    public async Task With_write_preconditions_ignored_every_client_wins_and_that_is_a_lost_update()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token, Defects.WritePreconditionsIgnored.Name);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token);

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 16, Rounds = 3, Seed = 5 }, deadline.Token);

        result.Rounds.Count.ShouldBe(3);
        foreach (var round in result.Rounds)
        {
            round.Winners.Count.ShouldBe(16, round.ToString());
            var violation = round.Violations.ShouldHaveSingleItem();
            violation.Kind.ShouldBe(ViolationKind.LostUpdate);
            violation.Operations.Count.ShouldBe(16);
            violation.Describe().ShouldContain($"in race round {round.Number} (seed 5)");
            round.Expectations.Single(e => e.Rule == RaceRule.OneWinner).Outcome.ShouldBe(RuleOutcome.Broken);
            round.Expectations.Single(e => e.Rule == RaceRule.FinalContentIsWinners).Outcome.ShouldBe(RuleOutcome.NotApplicable);
        }

        output.WriteLine(result.Violations[0].Describe());
    }

    [Fact]
    public async Task A_non_atomic_check_then_write_shows_as_a_lost_update_within_50_rounds_of_16_clients()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token, Defects.NonAtomicWrite.Name);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token);

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 16, Rounds = 50, Seed = 3, StopAtFirstViolation = true }, deadline.Token);

        var detected = result.FirstRoundWithViolation.ShouldNotBeNull(string.Join("\n", result.Rounds));
        output.WriteLine($"non-atomic-write: lost update in round {detected.Number} of at most 50 ({detected.Statuses})");
        output.WriteLine(detected.Violations[0].Describe());
        detected.Violations.Select(v => v.Kind).ShouldAllBe(k => k == ViolationKind.LostUpdate);
        detected.Winners.Count.ShouldBeGreaterThan(1);
        result.StopReason.ShouldBe($"stopped at the first violation, in round {detected.Number}");
    }

    [Fact]
    public async Task A_missing_resource_stops_the_block_before_any_round_with_the_reason()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);

        var result = await RaceRunner.RunAsync(session, "/items/not-there", new RaceOptions { Clients = 2 }, deadline.Token);

        result.Rounds.ShouldBeEmpty();
        result.StopReason.ShouldBe("observer#1's GET /items/not-there answered 404");
        result.IsClean.ShouldBeFalse();
    }

    [Fact]
    public async Task No_round_starts_once_the_budget_is_used_up()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token);

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 2, Rounds = 100_000, Budget = TimeSpan.FromMilliseconds(200) }, deadline.Token);

        result.Rounds.Count.ShouldBeInRange(1, 99_999);
        result.StopReason!.ShouldStartWith("the time budget of 00:00:00.2000000 was used up after");
        result.Rounds.ShouldAllBe(r => r.IsClean);
    }

    [Fact]
    public async Task The_same_seed_sends_the_same_bodies_in_the_same_order()
    {
        using var deadline = ReferenceTarget.Deadline();
        var runs = new List<RaceResult>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
            var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token);
            runs.Add(await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 8, Rounds = 3, Seed = 77 }, deadline.Token));
        }

        for (var round = 0; round < 3; round++)
        {
            runs[1].Rounds[round].Plan.ReleaseOrder.ShouldBe(runs[0].Rounds[round].Plan.ReleaseOrder);
            Bodies(runs[1].Rounds[round]).ShouldBe(Bodies(runs[0].Rounds[round]));
        }

        static IEnumerable<string> Bodies(RaceRound round) =>
            round.History.Writes.OrderBy(w => w.Client, StringComparer.Ordinal).Select(w => $"{w.Client}:{w.Digest}");
    }
}
