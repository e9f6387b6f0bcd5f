using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>Broken chains: a write that took effect with a validator the resource never had.</summary>
public sealed class BrokenChainCheckTests
{
    [Fact]
    public void A_write_accepted_with_a_validator_never_seen_is_a_broken_chain()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 2, "made-up", "a", 204, "2");

        var violation = HistoryChecker.Check(h.Final(200, "2", "a")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.BrokenChain);
        violation.Operations.ShouldBe([a]);
        violation.Explanation.ShouldStartWith("a#1 took effect with If-Match \"made-up\"");
    }

    [Fact]
    public void A_refused_write_with_a_made_up_validator_is_what_should_happen()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 2, "made-up", "a", 412);

        HistoryChecker.Check(h.Final(200, "1", "c0")).ShouldBeEmpty();
    }

    [Fact]
    public void Validators_from_the_initial_state_reads_writes_and_412_answers_all_count_as_seen()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204, "2");
        h.Read("r", 2, 3, 200, "2", "a");
        h.Write("b", 4, 5, "2", "b", 204, "3");
        h.Write("c", 6, 7, "stale", "c", 412, "3");   // a 412 naming the current tag
        h.Write("c", 8, 9, "3", "c", 204, "4");

        HistoryChecker.Check(h.Final(200, "4", "c")).ShouldBeEmpty();
    }

    [Fact]
    public void An_initial_state_without_a_known_validator_makes_its_use_a_broken_chain()
    {
        var h = new HistoryBuilder();
        h.Write("a", 0, 1, "1", "a", 204, "2");

        HistoryChecker.Check(h.Final(200, "2", "a")).ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.BrokenChain);
    }
}
