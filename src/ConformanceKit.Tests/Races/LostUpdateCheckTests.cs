using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>Lost updates: two writes that both took effect with one If-Match validator, and the histories
/// that look alike but are legal.</summary>
public sealed class LostUpdateCheckTests
{
    [Fact]
    public void Two_successful_writes_with_the_same_validator_are_a_lost_update()
    {
        var h = new HistoryBuilder(seed: 42, label: "race round 3").Initially("1", "c0");
        var a = h.Write("a", 0, 4, "1", "a", 204, "2");
        var b = h.Write("b", 1, 5, "1", "b", 204, "3");

        var violations = HistoryChecker.Check(h.Final(200, "3", "b"));

        var violation = violations.ShouldHaveSingleItem();
        violation.Kind.ShouldBe(ViolationKind.LostUpdate);
        violation.Operations.ShouldBe([a, b]);
        violation.Describe().ShouldStartWith("lost-update in race round 3 (seed 42): 2 writes took effect with If-Match \"1\" (a#1, b#1)");
        violation.Describe().ShouldContain("\n  b#1 PUT If-Match \"1\" 1..5 ms → 204 ETag \"3\"");
    }

    [Fact]
    public void Every_client_winning_is_one_lost_update_naming_every_write()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var writes = Enumerable.Range(0, 4).Select(i => h.Write($"c{i}", i, 10 + i, "1", $"w{i}", 204, $"{i + 2}")).ToList();

        var violation = HistoryChecker.Check(h.Final(200, "5", "w3")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.LostUpdate);
        violation.Operations.ShouldBe(writes);
        violation.Explanation.ShouldContain("all but 1 should have been refused with 412");
    }

    [Fact]
    public void One_winner_and_the_rest_refused_is_no_violation()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 4, "1", "a", 412);
        h.Write("b", 1, 5, "1", "b", 204, "2");
        h.Write("c", 1, 6, "1", "c", 412);

        HistoryChecker.Check(h.Final(200, "2", "b")).ShouldBeEmpty();
    }

    [Fact]
    public void Retrying_from_a_fresh_read_after_412_is_no_violation()
    {
        var h = new HistoryBuilder().Initially("1", "n0");
        h.Read("a", 0, 1, 200, "1", "n0");
        h.Read("b", 0, 1, 200, "1", "n0");
        h.Write("a", 2, 4, "1", "n1-a", 204, "2");
        h.Write("b", 3, 5, "1", "n1-b", 412);
        h.Read("b", 6, 7, 200, "2", "n1-a");
        h.Write("b", 8, 9, "2", "n2-b", 204, "3");

        HistoryChecker.Check(h.Final(200, "3", "n2-b")).ShouldBeEmpty();
    }

    [Fact]
    public void A_validator_made_current_again_by_writing_its_content_back_may_be_used_twice()
    {
        // Tags follow content here: writing c0 back gives "1" again, so c's If-Match "1" is legitimate.
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 2, "1", "c1", 204, "2");
        h.Write("b", 3, 5, "2", "c0", 204, "1");
        h.Write("c", 6, 8, "1", "c2", 204, "3");

        HistoryChecker.Check(h.Final(200, "3", "c2")).ShouldBeEmpty();
    }

    [Fact]
    public void A_write_that_answered_the_validator_before_both_uses_does_not_excuse_them()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("z", 0, 1, "1", "z", 204, "2");
        var a = h.Write("a", 2, 5, "2", "a", 204, "3");
        var b = h.Write("b", 3, 6, "2", "b", 204, "4");

        var violation = HistoryChecker.Check(h.Final(200, "4", "b")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.LostUpdate);
        violation.Operations.ShouldBe([a, b]);
    }

    [Fact]
    public void An_indeterminate_write_whose_content_is_final_took_effect_and_counts()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 4, "1", "a", 204, "2");
        var b = h.Write("b", 1, 5, "1", "b", null);

        var violation = HistoryChecker.Check(h.Final(200, "3", "b")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.LostUpdate);
        violation.Operations.ShouldBe([a, b]);
    }

    [Theory]
    [InlineData(204, 412, "a")]     // b may not have applied: the final content says it did not
    [InlineData(412, 204, "b")]
    [InlineData(412, null, "b")]   // b applied (no answer), a was refused
    [InlineData(503, 204, "b")]
    [InlineData(null, null, "c0")]
    public void Indeterminate_writes_alone_are_never_a_violation(int? statusA, int? statusB, string finalContent)
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 4, "1", "a", statusA, statusA == 204 ? "2" : null);
        h.Write("b", 1, 5, "1", "b", statusB, statusB == 204 ? "3" : null);
        h.Write("c", 1, 6, "1", "c", null);
        var finalTag = finalContent switch { "a" => "2", "b" when statusB == 204 => "3", "c0" => "1", _ => "9" };

        HistoryChecker.Check(h.Final(200, finalTag, finalContent)).ShouldBeEmpty();
    }

    [Fact]
    public void Blind_writes_are_not_grouped_as_lost_updates()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 4, null, "a", 204, "2");
        h.Write("b", 1, 5, null, "b", 204, "3");

        HistoryChecker.Check(h.Final(200, "3", "b")).ShouldBeEmpty();
    }
}
