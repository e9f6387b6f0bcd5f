using ConformanceKit.Http;

namespace ConformanceKit.Tests.Http;

/// <summary>If-Match and If-None-Match field values (RFC 9110 13.1.1, 13.1.2): <c>"*" / #entity-tag</c>,
/// with the list rules of RFC 9110 5.6.1 and field lines combined as one list (RFC 9110 5.3).</summary>
public sealed class EntityTagConditionTests
{
    public static TheoryData<string[], string[]> ValidLists => new()
    {
        { ["\"a\""], ["\"a\""] },
        { ["W/\"a\""], ["W/\"a\""] },
        { ["\"\""], ["\"\""] },
        { ["\"a\", \"b\""], ["\"a\"", "\"b\""] },
        { ["\"a\",\"b\""], ["\"a\"", "\"b\""] },
        { ["  \"a\" ,\t W/\"b\"\t"], ["\"a\"", "W/\"b\""] },
        { [", \"a\",,\"b\""], ["\"a\"", "\"b\""] },
        { ["\"a\", , ,"], ["\"a\""] },
        { ["\"a,b\""], ["\"a,b\""] },
        { ["\"a,b\", W/\"c\""], ["\"a,b\"", "W/\"c\""] },
        { ["\"a\"", "W/\"b\""], ["\"a\"", "W/\"b\""] },
        { ["\"a\", \"b\"", "\"c\""], ["\"a\"", "\"b\"", "\"c\""] },
        { ["\"a\"", ""], ["\"a\""] },
        { ["\"a\"", "\"a\""], ["\"a\"", "\"a\""] },
    };

    public static TheoryData<string[]> InvalidValues => new()
    {
        { [] },                        // no field line
        { [""] },                      // empty field value
        { ["   "] },
        { [",", " , "] },              // only empty list elements
        { ["*, \"a\""] },              // "*" combined with tags
        { ["\"a\", *"] },
        { ["*", "\"a\""] },            // ... also across field lines
        { ["\"a\"", "*"] },
        { ["*", "*"] },
        { ["**"] },
        { ["* *"] },
        { ["W/*"] },
        { ["abc"] },                   // bare token
        { ["\"a\", abc"] },
        { ["\"a\" abc"] },
        { ["\"abc"] },                 // unterminated quote
        { ["\"a\", \"b"] },
        { ["\"a", "b\""] },            // a quote does not continue onto the next field line
        { ["\"a\" \"b\""] },           // missing comma
        { ["\"a\";\"b\""] },
        { ["w/\"a\""] },
        { ["W/ \"a\""] },
        { ["\"a b\""] },
    };

    [Fact]
    public void Star_parses_as_any()
    {
        EntityTagCondition.TryParse("*", out var condition).ShouldBeTrue();

        condition.IsAny.ShouldBeTrue();
        condition.Tags.ShouldBeEmpty();
        condition.ToString().ShouldBe("*");
    }

    [Fact]
    public void Star_with_surrounding_whitespace_parses_as_any()
    {
        EntityTagCondition.TryParse(" \t* ", out var condition).ShouldBeTrue();

        condition.IsAny.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(ValidLists))]
    public void TryParse_reads_every_listed_tag_in_order(string[] fieldLines, string[] expectedTags)
    {
        EntityTagCondition.TryParse(fieldLines, out var condition).ShouldBeTrue();

        condition.IsAny.ShouldBeFalse();
        condition.Tags.Select(tag => tag.ToString()).ShouldBe(expectedTags);
    }

    [Theory]
    [MemberData(nameof(ValidLists))]
    public void ToString_round_trips_a_list(string[] fieldLines, string[] expectedTags)
    {
        EntityTagCondition.TryParse(fieldLines, out var condition).ShouldBeTrue();

        condition.ToString().ShouldBe(string.Join(", ", expectedTags));
        EntityTagCondition.TryParse(condition.ToString(), out var reparsed).ShouldBeTrue();
        reparsed.Tags.ShouldBe(condition.Tags);
    }

    [Fact]
    public void A_comma_inside_quotes_belongs_to_the_opaque_tag()
    {
        EntityTagCondition.TryParse("\"a,b\"", out var condition).ShouldBeTrue();

        var tag = condition.Tags.ShouldHaveSingleItem();
        tag.Opaque.ShouldBe("a,b");
        tag.IsWeak.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void TryParse_rejects_an_invalid_field_value(string[] fieldLines)
    {
        EntityTagCondition.TryParse(fieldLines, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_rejects_null_field_lines()
    {
        Should.Throw<ArgumentNullException>(() => EntityTagCondition.TryParse((IEnumerable<string>)null!, out _));
    }

    public static TheoryData<string, string?, bool, bool> MatchCases => new()
    {
        // condition, current entity-tag (null: no current representation), strong result, weak result
        { "*", "\"x\"", true, true },
        { "*", "W/\"x\"", true, true },
        { "*", null, false, false },
        { "\"a\"", null, false, false },
        { "W/\"a\"", null, false, false },
        { "\"a\"", "\"a\"", true, true },
        { "\"a\"", "\"b\"", false, false },
        { "\"a\"", "\"A\"", false, false },
        { "\"a\", \"b\"", "\"b\"", true, true },
        { "\"a\", \"b\"", "\"c\"", false, false },
        { "W/\"a\"", "\"a\"", false, true },
        { "\"a\"", "W/\"a\"", false, true },
        { "W/\"a\"", "W/\"a\"", false, true },
        { "\"a\", W/\"b\"", "W/\"b\"", false, true },
        { "\"a\", W/\"b\"", "\"b\"", false, true },
        { "W/\"a\", \"a\"", "\"a\"", true, true },
        { "\"a,b\"", "\"a\"", false, false },
        { "\"a,b\"", "\"a,b\"", true, true },
    };

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void MatchesCurrent_uses_the_requested_comparison(string fieldValue, string? current, bool strong, bool weak)
    {
        EntityTagCondition.TryParse(fieldValue, out var condition).ShouldBeTrue();
        var currentTag = current is null ? null : EntityTag.Parse(current);

        condition.ShouldSatisfyAllConditions(
            () => condition.MatchesCurrent(currentTag, EntityTagComparison.Strong).ShouldBe(strong, "strong"),
            () => condition.MatchesCurrent(currentTag, EntityTagComparison.Weak).ShouldBe(weak, "weak"));
    }

    [Fact]
    public void Any_matches_every_current_representation_but_not_a_missing_one()
    {
        EntityTagCondition.Any.IsAny.ShouldBeTrue();
        EntityTagCondition.Any.MatchesCurrent(EntityTag.Weak("v1"), EntityTagComparison.Strong).ShouldBeTrue();
        EntityTagCondition.Any.MatchesCurrent(null, EntityTagComparison.Strong).ShouldBeFalse();
        EntityTagCondition.Any.MatchesCurrent(null, EntityTagComparison.Weak).ShouldBeFalse();
    }

    [Fact]
    public void Of_keeps_the_tags_in_order()
    {
        var condition = EntityTagCondition.Of(EntityTag.Strong("a"), EntityTag.Weak("b"));

        condition.IsAny.ShouldBeFalse();
        condition.Tags.ShouldBe([EntityTag.Strong("a"), EntityTag.Weak("b")]);
        condition.ToString().ShouldBe("\"a\", W/\"b\"");
    }

    [Fact]
    public void Of_copies_its_arguments()
    {
        var tags = new[] { EntityTag.Strong("a") };
        var condition = EntityTagCondition.Of(tags);

        tags[0] = EntityTag.Strong("b");

        condition.Tags.ShouldBe([EntityTag.Strong("a")]);
        condition.MatchesCurrent(EntityTag.Strong("b"), EntityTagComparison.Strong).ShouldBeFalse();
    }

    [Fact]
    public void Of_rejects_an_empty_list_and_null_tags()
    {
        Should.Throw<ArgumentException>(() => EntityTagCondition.Of());
        Should.Throw<ArgumentNullException>(() => EntityTagCondition.Of(null!));
        Should.Throw<ArgumentException>(() => EntityTagCondition.Of(EntityTag.Strong("a"), null!));
    }
}
