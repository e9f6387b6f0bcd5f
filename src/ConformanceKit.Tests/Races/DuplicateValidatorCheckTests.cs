using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>Duplicate validators: one strong entity-tag for two different contents.</summary>
public sealed class DuplicateValidatorCheckTests
{
    [Fact]
    public void Two_writes_answering_the_same_tag_for_different_content_are_a_duplicate_validator()
    {
        // An ETag that does not change on write: b's If-Match still matches, so this is not a lost update.
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 2, "1", "a", 204, "5");
        var b = h.Write("b", 3, 4, "5", "b", 204, "5");

        var violations = HistoryChecker.Check(h.Final(200, "5", "b"));

        var violation = violations.ShouldHaveSingleItem();
        violation.Kind.ShouldBe(ViolationKind.DuplicateValidator);
        violation.Operations.ShouldBe([a, b]);
        violation.Explanation.ShouldContain("\"5\" stood for 2 different contents");
    }

    [Fact]
    public void A_write_that_keeps_the_initial_tag_is_named_against_the_initial_state()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 2, "1", "a", 204, "1");

        var violation = HistoryChecker.Check(h.Final(200, "1", "a")).ShouldHaveSingleItem();

        violation.Kind.ShouldBe(ViolationKind.DuplicateValidator);
        violation.Operations.ShouldBe([a]);
        violation.Explanation.ShouldContain("by the initial state");
    }

    [Fact]
    public void A_read_that_shows_other_content_under_a_written_tag_is_a_duplicate_validator()
    {
        var h = new HistoryBuilder().Initially("1", "c0");
        var a = h.Write("a", 0, 2, "1", "a", 204, "2");
        var r = h.Read("r", 3, 4, 200, "2", "torn");

        var violations = HistoryChecker.Check(h.Final(200, "2", "a"));

        violations.ShouldHaveSingleItem().Operations.ShouldBe([a, r]);
    }

    [Fact]
    public void The_same_tag_for_the_same_content_is_fine()
    {
        // Tags that follow content: writing identical content twice gives the same tag.
        var h = new HistoryBuilder().Initially("1", "c0");
        h.Write("a", 0, 2, "1", "a", 204, "h-a");
        h.Read("r", 3, 4, 200, "h-a", "a");
        h.Write("b", 5, 6, "h-a", "a", 204, "h-a");

        HistoryChecker.Check(h.Final(200, "h-a", "a")).ShouldBeEmpty();
    }

    [Fact]
    public void Content_that_differs_only_in_json_formatting_is_the_same_content()
    {
        var h = new HistoryBuilder().Initially("1", """{"n":0}""");
        h.Write("a", 0, 2, "1", """{"n":1,"who":"a"}""", 204, "2");

        HistoryChecker.Check(h.Final(200, "2", """{ "who": "a", "n": 1 }""")).ShouldBeEmpty();
    }

    [Fact]
    public void Weak_tags_may_be_shared_by_different_content()
    {
        var h = new HistoryBuilder().Initially("W/1", "c0");
        h.Read("r", 0, 1, 200, "W/1", "c0 reformatted");

        HistoryChecker.Check(h.Final(200, "W/1", "c0")).ShouldBeEmpty();
    }
}
