using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>The final read must show what the last write (or a write that could have been last) left.</summary>
public sealed class FinalStateCheckTests
{
    [Fact]
    public void After_sequential_writes_the_final_content_is_the_last_ones()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204, "2");
        var b = h.Write("b", 2, 3, "2", "b", 204, "3");

        var violation = HistoryChecker.Check(h.Final(200, "2", "a")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.FinalStateInconsistent);
        violation.Operations[0].ShouldBe(b);
        violation.Operations[^1].Client.ShouldBe("final");
        violation.Explanation.ShouldContain("the last write that could have applied");
    }

    [Theory]
    [InlineData("a", "2")]
    [InlineData("b", "3")]
    public void After_overlapping_writes_either_may_be_final(string content, string etag)
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 5, null, "a", 204, "2");
        h.Write("b", 1, 4, null, "b", 204, "3");

        HistoryChecker.Check(h.Final(200, etag, content)).ShouldBeEmpty();
    }

    [Fact]
    public void Content_nobody_wrote_is_inconsistent()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 5, "1", "a", 204, "2");

        HistoryChecker.Check(h.Final(200, "9", "ghost")).ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.FinalStateInconsistent);

        // Under a's tag, the same ghost is also a duplicate validator.
        HistoryChecker.Check(h.Final(200, "2", "ghost")).Select(v => v.Kind)
            .ShouldBe([ViolationKind.DuplicateValidator, ViolationKind.FinalStateInconsistent]);
    }

    [Fact]
    public void An_indeterminate_write_started_after_the_last_success_may_explain_the_final_state()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204, "2");
        h.Write("b", 2, 3, "2", "b", null);

        HistoryChecker.Check(h.Final(200, "9", "b")).ShouldBeEmpty();
    }

    [Fact]
    public void A_final_etag_other_than_the_one_the_last_write_got_is_inconsistent()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 1, "1", "a", 204, "2");

        var violation = HistoryChecker.Check(h.Final(200, "7", "a")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.FinalStateInconsistent);
        violation.Operations[0].ShouldBe(a);
        violation.Explanation.ShouldContain("answers ETag \"7\" where \"2\" was answered");
    }

    [Fact]
    public void A_last_write_that_answered_no_etag_accepts_any_final_etag()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204);

        HistoryChecker.Check(h.Final(200, "7", "a")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("c0", "1", 0)]
    [InlineData("a", "2", 1)]
    public void With_every_write_refused_the_final_state_is_the_initial_one(string content, string etag, int violations)
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "0", "a", 412);

        HistoryChecker.Check(h.Final(200, etag, content)).Count.ShouldBe(violations);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(503)]
    public void A_final_read_without_an_answer_decides_nothing(int? status)
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204, "2");

        HistoryChecker.Check(h.Final(status, null, null)).ShouldBeEmpty();
        HistoryChecker.Check(h.WithoutFinal()).ShouldBeEmpty();
    }

    [Fact]
    public void A_resource_missing_after_a_successful_write_is_inconsistent()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 1, "1", "a", 204, "2");

        var violation = HistoryChecker.Check(h.Final(404, null, null)).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.FinalStateInconsistent);
        violation.Explanation.ShouldStartWith("The final read final#1 answered 404");
    }
}
