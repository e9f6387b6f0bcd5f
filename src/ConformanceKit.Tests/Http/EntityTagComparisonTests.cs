using ConformanceKit.Http;

namespace ConformanceKit.Tests.Http;

/// <summary>RFC 9110 8.8.3.2: strong comparison matches when both tags are strong and their opaque tags are
/// equal character by character; weak comparison matches when the opaque tags are equal, whatever the
/// weakness. Both are symmetric, so every row is checked in both directions.</summary>
public sealed class EntityTagComparisonTests
{
    public static TheoryData<string, string, bool, bool> Cases => new()
    {
        // The example table of RFC 9110 8.8.3.2, row for row.
        { "W/\"1\"", "W/\"1\"", false, true },
        { "W/\"1\"", "W/\"2\"", false, false },
        { "W/\"1\"", "\"1\"", false, true },
        { "\"1\"", "\"1\"", true, true },

        // Further cases.
        { "\"1\"", "\"2\"", false, false },
        { "\"a\"", "\"A\"", false, false },           // opaque tags are case-sensitive
        { "W/\"a\"", "\"A\"", false, false },
        { "W/\"a\"", "W/\"A\"", false, false },
        { "\"abc\"", "\"abcd\"", false, false },      // a prefix is not a match
        { "\"\"", "\"\"", true, true },               // empty opaque tags
        { "W/\"\"", "\"\"", false, true },
        { "\"\"", "\"0\"", false, false },
        { "\"W/1\"", "W/\"1\"", false, false },       // "W/" inside the quotes is part of the opaque tag
        { "\"caf\u00e9\"", "\"caf\u00e9\"", true, true },
        { "\"caf\u00e9\"", "\"cafe\"", false, false },
        { "\"a,b\"", "\"a\"", false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Both_comparisons_give_the_expected_answer_in_both_directions(string a, string b, bool strong, bool weak)
    {
        var left = EntityTag.Parse(a);
        var right = EntityTag.Parse(b);

        left.ShouldSatisfyAllConditions(
            () => left.Matches(right, EntityTagComparison.Strong).ShouldBe(strong, $"strong: {a} vs {b}"),
            () => right.Matches(left, EntityTagComparison.Strong).ShouldBe(strong, $"strong: {b} vs {a}"),
            () => left.Matches(right, EntityTagComparison.Weak).ShouldBe(weak, $"weak: {a} vs {b}"),
            () => right.Matches(left, EntityTagComparison.Weak).ShouldBe(weak, $"weak: {b} vs {a}"));
    }

    [Fact]
    public void A_weak_tag_does_not_strongly_match_itself()
    {
        var tag = EntityTag.Weak("1");

        tag.Matches(tag, EntityTagComparison.Strong).ShouldBeFalse();
        tag.Matches(tag, EntityTagComparison.Weak).ShouldBeTrue();
    }

    [Theory]
    [InlineData(EntityTagComparison.Strong)]
    [InlineData(EntityTagComparison.Weak)]
    public void Matches_rejects_null(EntityTagComparison comparison)
    {
        Should.Throw<ArgumentNullException>(() => EntityTag.Strong("1").Matches(null!, comparison));
    }
}
