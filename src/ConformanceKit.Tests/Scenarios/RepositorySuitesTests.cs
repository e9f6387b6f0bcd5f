using System.Text.RegularExpressions;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>The catalog in the repository's suites/ folder loads and keeps the ID and section contracts
/// (NOTES section 2).</summary>
public sealed partial class RepositorySuitesTests
{
    private static readonly IReadOnlyList<Scenario> Catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);

    [Fact]
    public void The_suites_folder_loads_at_least_twenty_scenarios()
    {
        Catalog.Count.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void Every_id_is_unique_and_kebab_case()
    {
        Catalog.Select(s => s.Id).ShouldBeUnique();
        Catalog.Where(s => !KebabCase().IsMatch(s.Id)).Select(s => s.Id).ShouldBeEmpty();
    }

    [Fact]
    public void Every_section_is_an_rfc_number_and_section()
    {
        Catalog.Where(s => !Section().IsMatch(s.Check.Section)).Select(s => $"{s.Id}: {s.Check.Section}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_suite_file_contributes_scenarios()
    {
        var files = ScenarioLoader.ExpandPaths([RepositoryPaths.Suites]).ToList();

        files.ShouldNotBeEmpty();
        files.ShouldNotContain(f => f.EndsWith(".schema.json", StringComparison.Ordinal));
        Catalog.Select(s => s.SourceFile).Distinct().ShouldBe(files);
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex(@"^\d{4}/[\d.]+$")]
    private static partial Regex Section();
}
