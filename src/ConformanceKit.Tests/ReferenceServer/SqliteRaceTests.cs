using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Targets;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>Race blocks against the SQLite-backed reference server on loopback: its optimistic
/// compare-and-set gives one winner per round and no violation, and the non-atomic-write defect still shows
/// as a lost update on it.</summary>
public sealed class SqliteRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sqlite_store_has_exactly_one_winner_per_round_over_50_rounds_of_16_clients()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var session = await OpenAsync(deadline.Token);
        var path = await FreshDocumentAsync(session, deadline.Token);

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 16, Rounds = 50, Seed = 29 }, deadline.Token);

        result.StopReason.ShouldBeNull();
        result.Rounds.Count.ShouldBe(50);
        result.Violations.ShouldBeEmpty(string.Join("\n", result.Violations.Select(v => v.Describe())));
        foreach (var round in result.Rounds)
        {
            round.Winners.Count.ShouldBe(1, round.ToString());
            round.Statuses.Count(412).ShouldBe(15, round.ToString());
            round.History.Final!.Digest.ShouldBe(round.Winners[0].Digest);
        }

        result.IsClean.ShouldBeTrue();
        result.Rounds.Select(r => r.Validator).Distinct().Count().ShouldBe(50, "each round races on the ETag the previous one left");
    }

    [Fact]
    public async Task A_non_atomic_check_then_write_shows_as_a_lost_update_on_the_sqlite_store_too()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var session = await OpenAsync(deadline.Token, Defects.NonAtomicWrite.Name);
        var path = await FreshDocumentAsync(session, deadline.Token);

        var result = await RaceRunner.RunAsync(session, path, new RaceOptions { Clients = 16, Rounds = 50, Seed = 3, StopAtFirstViolation = true }, deadline.Token);

        var detected = result.FirstRoundWithViolation.ShouldNotBeNull(string.Join("\n", result.Rounds));
        output.WriteLine($"non-atomic-write on SQLite: lost update in round {detected.Number} of at most 50 ({detected.Statuses})");
        detected.Violations.Select(v => v.Kind).ShouldAllBe(k => k == ViolationKind.LostUpdate);
        detected.Winners.Count.ShouldBeGreaterThan(1);
    }

    private static Task<TargetSession> OpenAsync(CancellationToken cancellationToken, params string[] defects)
    {
        var target = TargetDefinition.InBoxReference("races-sqlite", defects, "sqlite race tests") with { Store = ReferenceStore.Sqlite };
        return TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, cancellationToken);
    }

    private static async Task<string> FreshDocumentAsync(TargetSession session, CancellationToken cancellationToken)
    {
        var created = await FreshResource.CreateAsync(session, "race-" + Guid.NewGuid().ToString("N"), """{"counter":0}""", cancellationToken);
        created.Error.ShouldBeNull();
        return created.Path!;
    }
}
