using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>The seed fixes the release order and the bodies of a round; options are valid once made.</summary>
public sealed class RacePlanTests
{
    private static readonly string[] Clients = Enumerable.Range(1, 16).Select(i => $"c{i:00}").ToArray();

    [Fact]
    public void The_same_seed_and_round_give_the_same_order_and_bodies()
    {
        var first = RacePlan.For(42, 3, Clients);
        var again = RacePlan.For(42, 3, Clients);

        again.ReleaseOrder.ShouldBe(first.ReleaseOrder);
        Clients.Select(again.BodyFor).ShouldBe(Clients.Select(first.BodyFor));
        first.ReleaseOrder.OrderBy(c => c, StringComparer.Ordinal).ToArray().ShouldBe(Clients);   // a permutation
    }

    [Fact]
    public void Bodies_differ_per_client_and_round_and_orders_differ_per_seed_and_round()
    {
        var plan = RacePlan.For(42, 1, Clients);

        Clients.Select(plan.BodyFor).Distinct().Count().ShouldBe(16);
        RacePlan.For(42, 2, Clients).BodyFor("c01").ShouldNotBe(plan.BodyFor("c01"));
        RacePlan.For(43, 1, Clients).ReleaseOrder.ShouldNotBe(plan.ReleaseOrder);
        RacePlan.For(42, 2, Clients).ReleaseOrder.ShouldNotBe(plan.ReleaseOrder);
        plan.ReleaseOrder.ToArray().ShouldNotBe(Clients);   // shuffled, not in name order
    }

    [Fact]
    public void Options_have_the_documented_defaults_and_refuse_values_out_of_range()
    {
        var options = new RaceOptions();
        options.Clients.ShouldBe(16);
        options.Rounds.ShouldBe(1);
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));

        Should.Throw<ArgumentOutOfRangeException>(() => new RaceOptions { Clients = 1 }).ParamName.ShouldBe("Clients");
        Should.Throw<ArgumentOutOfRangeException>(() => new RaceOptions { Clients = 257 });
        Should.Throw<ArgumentOutOfRangeException>(() => new RaceOptions { Rounds = 0 });
        Should.Throw<ArgumentOutOfRangeException>(() => new RaceOptions { RequestTimeout = TimeSpan.Zero });
        Should.Throw<ArgumentOutOfRangeException>(() => new RaceOptions { Budget = TimeSpan.FromSeconds(-1) });
        Should.Throw<ArgumentOutOfRangeException>(() => options with { Clients = 0 }, "a copy is checked too");
    }
}
