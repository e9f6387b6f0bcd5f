using ConformanceKit.Scenarios;

namespace ConformanceKit.Runs;

/// <summary>Selects scenarios by id prefix or section prefix (<c>--only</c>, <c>--exclude</c>). A section
/// prefix matches whole parts: <c>9110/13.1</c> selects 9110/13.1.1 but not 9110/13.10.</summary>
public sealed record ScenarioFilter(IReadOnlyList<string> Only, IReadOnlyList<string> Exclude)
{
    public static ScenarioFilter All { get; } = new([], []);

    public IReadOnlyList<Scenario> Apply(IEnumerable<Scenario> scenarios) =>
        scenarios.Where(s => (Only.Count == 0 || Only.Any(p => Matches(s, p))) && !Exclude.Any(p => Matches(s, p))).ToList();

    public static bool Matches(Scenario scenario, string prefix)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(prefix);
        if (scenario.Id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        var section = scenario.Check.Section;
        return section == prefix || (section.StartsWith(prefix, StringComparison.Ordinal) && section[prefix.Length] is '.' or '/');
    }
}
