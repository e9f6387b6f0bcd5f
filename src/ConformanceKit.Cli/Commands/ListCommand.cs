using System.Text.Json;
using ConformanceKit.Reports;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit list</c>: the catalog of checks, as a table, as JSON or as Markdown.</summary>
public static class ListCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Execute(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new ArgumentReader("list", args, ["--suite", "--targets"], ["--json", "--markdown"]);
        var suites = options.All("--suite") is { Count: > 0 } given ? given : [DefaultPaths.SuitesFor(options.Value("--targets") ?? DefaultPaths.TargetsFile)];
        var scenarios = new ScenarioLoader().Load(suites);
        if (options.Flag("--markdown"))
        {
            output.Write(CatalogDocument.Render(scenarios));
            return ExitCodes.Conformant;
        }

        if (options.Flag("--json"))
        {
            var rows = scenarios.Select(s => new
            {
                id = s.Id,
                section = s.Check.Section,
                level = s.Check.Level.ToString().ToUpperInvariant(),
                kind = s.Kind.ToString().ToLowerInvariant(),
                title = s.Check.Title,
                requirement = s.Check.Requirement,
            });
            output.WriteLine(JsonSerializer.Serialize(rows, Indented));
            return ExitCodes.Conformant;
        }

        var idWidth = Math.Max(2, scenarios.Max(s => s.Id.Length));
        var sectionWidth = Math.Max(7, scenarios.Max(s => s.Check.Section.Length));
        output.WriteLine($"{"ID".PadRight(idWidth)}  {"SECTION".PadRight(sectionWidth)}  LEVEL   TITLE");
        foreach (var scenario in scenarios)
        {
            output.WriteLine($"{scenario.Id.PadRight(idWidth)}  {scenario.Check.Section.PadRight(sectionWidth)}  {scenario.Check.Level.ToString().ToUpperInvariant(),-6}  {scenario.Check.Title}");
        }

        output.WriteLine($"{scenarios.Count} checks");
        return ExitCodes.Conformant;
    }
}
