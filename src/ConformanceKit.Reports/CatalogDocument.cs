using System.Globalization;
using System.Text;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Reports;

/// <summary>
/// Renders the catalog as Markdown (suites/CATALOG.md): per RFC section, every check's id, level, kind and
/// requirement, and, when a mutation matrix is given, the defect modes of the reference server each check
/// kills, plus the defects and what kills them.
/// </summary>
public static class CatalogDocument
{
    /// <param name="killers">Check id -> the defect modes under which that check fails (or warns); null leaves the column out.</param>
    /// <param name="defects">Defect name -> (section, description) for the defect table; null leaves it out.</param>
    /// <param name="notes">Check id or defect name -> why it kills nothing or is not killed, for the explanations.</param>
    public static string Render(
        IReadOnlyList<Scenario> scenarios,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? killers = null,
        IReadOnlyList<(string Name, string Section, string Description)>? defects = null,
        IReadOnlyDictionary<string, string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var text = new StringBuilder();
        text.Append("# The ConformanceKit catalog\n\n");
        text.Append("Generated from `suites/*.json`; do not edit by hand (the mutation-matrix test regenerates it and fails when it is stale).\n\n");
        var counts = scenarios.GroupBy(s => s.Check.Level).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToUpperInvariant()}");
        text.Append(CultureInfo.InvariantCulture, $"{scenarios.Count} checks: {string.Join(", ", counts)}. ");
        text.Append("Levels: MUST broken = fail, SHOULD broken = warn, MAY and observations = info.");
        text.Append(killers is null ? "\n\n" : " A race check lists only the defect modes it must always catch: whether a race also catches another depends on how the requests interleave.\n\n");
        text.Append("| section | checks |\n|---|---:|\n");
        foreach (var group in scenarios.GroupBy(s => s.Check.Section).OrderBy(g => g.Key, SectionComparer.Instance))
        {
            text.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |\n");
        }

        foreach (var group in scenarios.GroupBy(s => s.Check.Section).OrderBy(g => g.Key, SectionComparer.Instance))
        {
            text.Append("\n## RFC ").Append(group.Key.Replace("/", " section ", StringComparison.Ordinal)).Append("\n\n");
            text.Append(killers is null ? "| id | level | requirement |\n|---|---|---|\n" : "| id | level | requirement | killed by defect modes |\n|---|---|---|---|\n");
            foreach (var scenario in group)
            {
                var level = scenario.Kind == ScenarioKind.Observation ? "observation" : scenario.Check.Level.ToString().ToUpperInvariant();
                text.Append("| `").Append(scenario.Id).Append("` | ").Append(level).Append(" | ").Append(Cell(scenario.Check.Requirement));
                if (killers is not null)
                {
                    var killedBy = killers.TryGetValue(scenario.Id, out var list) && list.Count > 0
                        ? string.Join(", ", list.Select(k => $"`{k}`"))
                        : notes is not null && notes.TryGetValue(scenario.Id, out var why) ? $"none: {Cell(why)}"
                        : scenario.Kind == ScenarioKind.Observation ? "none needed: an observation reports what the server does and never fails"
                        : scenario.Check.Level == Checks.RequirementLevel.May ? "none needed: a broken MAY is reported as info, never as a failure"
                        : "none";
                    text.Append(" | ").Append(killedBy);
                }

                text.Append(" |\n");
            }
        }

        if (defects is not null && killers is not null)
        {
            text.Append("\n## Defect modes of the reference server\n\n");
            text.Append("Each breaks one rule; the mutation-matrix test proves a check catches it.\n\n| defect | section | deviation | caught by |\n|---|---|---|---|\n");
            foreach (var (name, section, description) in defects)
            {
                var caughtBy = killers.Where(k => k.Value.Contains(name)).Select(k => $"`{k.Key}`").Order(StringComparer.Ordinal).ToList();
                var cell = caughtBy.Count > 0
                    ? string.Join(", ", caughtBy)
                    : notes is not null && notes.TryGetValue(name, out var why) ? $"nothing: {Cell(why)}" : "nothing yet";
                text.Append("| `").Append(name).Append("` | ").Append(section).Append(" | ").Append(Cell(description)).Append(" | ").Append(cell).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Orders sections by RFC number, then numerically part by part (9110/8.8 before 9110/13.1).</summary>
    private sealed class SectionComparer : IComparer<string>
    {
        public static readonly SectionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = Parts(x ?? string.Empty);
            var right = Parts(y ?? string.Empty);
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                if (left[i] != right[i])
                {
                    return left[i].CompareTo(right[i]);
                }
            }

            return left.Length.CompareTo(right.Length);
        }

        private static int[] Parts(string section) =>
            section.Split('/', '.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
    }
}
