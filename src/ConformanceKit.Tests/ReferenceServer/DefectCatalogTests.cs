using System.Reflection;
using System.Text.RegularExpressions;
using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Tests.ReferenceServer;

public sealed partial class DefectCatalogTests
{
    [Fact]
    public void Every_defect_has_a_unique_kebab_case_name_and_an_rfc_section()
    {
        Defects.All.Select(d => d.Name).Distinct().Count().ShouldBe(Defects.All.Count);
        Defects.All.ShouldAllBe(d => KebabCase().IsMatch(d.Name));
        Defects.All.ShouldAllBe(d => Section().IsMatch(d.Section));
        Defects.All.ShouldAllBe(d => d.Description.Length > 20);
    }

    [Fact]
    public void Every_declared_defect_is_listed_once_in_All()
    {
        var declared = typeof(Defects).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Defect))
            .Select(f => (Defect)f.GetValue(null)!)
            .ToList();
        declared.Count.ShouldBeGreaterThanOrEqualTo(40);
        Defects.All.ShouldBe(declared, ignoreOrder: true);
    }

    [Fact]
    public void Names_round_trip_through_TryGet_and_Parse()
    {
        foreach (var defect in Defects.All)
        {
            Defects.TryGet(defect.Name, out var found).ShouldBeTrue();
            found.ShouldBeSameAs(defect);
        }

        var set = DefectSet.Parse(["non-atomic-write", " IF-MATCH-WEAK-COMPARISON ", "non-atomic-write"]);
        set.Has(Defects.NonAtomicWrite).ShouldBeTrue();
        set.Has(Defects.IfMatchWeakComparison).ShouldBeTrue();
        set.Has(Defects.NotModifiedWithoutETag).ShouldBeFalse();
        set.Items.Select(d => d.Name).ShouldBe(["if-match-weak-comparison", "non-atomic-write"]);
        DefectSet.Parse([]).ShouldBeSameAs(DefectSet.None);
        DefectSet.None.Items.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_names_the_unknown_defect_and_lists_the_known_ones()
    {
        var error = Should.Throw<ArgumentException>(() => DefectSet.Parse(["non-atomic-write", "etag-sometimes"]));
        error.Message.ShouldContain("'etag-sometimes'");
        foreach (var defect in Defects.All)
        {
            error.Message.ShouldContain(defect.Name);
        }

        Defects.TryGet("etag-sometimes", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("non-atomic-write", 1_000)]
    [InlineData("non-atomic-write:100us", 100)]
    [InlineData("toctou:1ms", 1_000)]
    [InlineData("TOCTOU:2.5ms", 2_500)]
    [InlineData("toctou:0", 0)]
    [InlineData("non-atomic-write:1s", 1_000_000)]
    public void The_non_atomic_window_comes_from_the_name_or_defaults_to_1_ms(string name, int microseconds)
    {
        var set = DefectSet.Parse([name]);

        set.Has(Defects.NonAtomicWrite).ShouldBeTrue();
        set.WindowOf(Defects.NonAtomicWrite).ShouldBe(TimeSpan.FromMicroseconds(microseconds));
        DefectSet.Parse([set.ToString()]).WindowOf(Defects.NonAtomicWrite).ShouldBe(set.WindowOf(Defects.NonAtomicWrite), "ToString parses back");
    }

    [Theory]
    [InlineData("toctou:", "the window '' is not 0 or a number with the unit us, ms or s")]
    [InlineData("toctou:fast", "the window 'fast' is not 0 or a number")]
    [InlineData("toctou:-1ms", "the window '-1ms' is not")]
    [InlineData("toctou:11s", "of at most 10s")]
    [InlineData("toctou:100", "the window '100' is not")]
    [InlineData("if-match-weak-comparison:1ms", "Defect 'if-match-weak-comparison' takes no argument, but 'if-match-weak-comparison:1ms' gives one.")]
    [InlineData("toc:1ms", "Unknown defect 'toc:1ms'.")]
    public void A_bad_window_or_an_argument_to_a_plain_defect_is_refused_with_the_reason(string name, string message)
    {
        Should.Throw<ArgumentException>(() => DefectSet.Parse([name])).Message.ShouldContain(message);
    }

    [Fact]
    public void Only_windowed_defects_have_a_window()
    {
        var set = DefectSet.Parse(["if-match-weak-comparison", "toctou:100us"]);

        Should.Throw<ArgumentException>(() => set.WindowOf(Defects.IfMatchWeakComparison));
        set.ToString().ShouldBe("if-match-weak-comparison, non-atomic-write:100us");
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^\d{4}/\d+(\.\d+)*$")]
    private static partial Regex Section();
}
