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

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^\d{4}/\d+(\.\d+)*$")]
    private static partial Regex Section();
}
