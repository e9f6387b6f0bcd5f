using System.Globalization;
using ConformanceKit.Checks;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit explain ID</c>: one check's requirement, what its scenario does, and how servers
/// usually get the rule right. An unknown id is a usage error that names the closest ids.</summary>
public static class ExplainCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("explain needs a check id, e.g. conformancekit explain optimistic-locking (conformancekit list shows them all)");
        }

        var id = args[0];
        var options = new ArgumentReader("explain", args.Skip(1).ToList(), ["--suite", "--targets"], []);
        var suites = options.All("--suite") is { Count: > 0 } given ? given : [DefaultPaths.SuitesFor(options.Value("--targets") ?? DefaultPaths.TargetsFile)];
        var catalog = new ScenarioLoader().Load(suites);
        var scenario = catalog.FirstOrDefault(s => s.Id == id) ?? throw new UsageException(Unknown(id, catalog));

        var check = scenario.Check;
        output.WriteLine($"{check.Id}: {check.Title}");
        output.WriteLine($"  section   RFC {check.Section.Replace("/", " section ", StringComparison.Ordinal)} ({check.SectionLink})");
        output.WriteLine($"  level     {Level(scenario)}");
        if (scenario.Requires.Count > 0)
        {
            output.WriteLine($"  requires  {string.Join(", ", scenario.Requires.Select(r => $"capabilities.{r.Key} = {(r.Value ? "true" : "false")}"))}");
        }

        output.WriteLine($"  defined   {Path.GetRelativePath(Environment.CurrentDirectory, scenario.SourceFile)} {scenario.JsonPath}");
        output.WriteLine();
        output.WriteLine("Requirement");
        output.WriteLine($"  {check.Requirement}");
        output.WriteLine();
        output.WriteLine("What the check does");
        foreach (var line in ScenarioNarrative.Lines(scenario))
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine();
        output.WriteLine("How servers usually get it right");
        output.WriteLine($"  {scenario.Advice ?? "(no advice recorded for this check)"}");
        return ExitCodes.Conformant;
    }

    private static string Level(Scenario scenario) => scenario.Kind == ScenarioKind.Observation
        ? "observation (reported as info; it judges nothing)"
        : scenario.Check.Level switch
        {
            RequirementLevel.Must => "MUST (broken: fail)",
            RequirementLevel.Should => "SHOULD (broken: warn)",
            _ => "MAY (broken: info)",
        };

    /// <summary>The message for an unknown id, with up to three catalog ids that start alike or are a few edits away.</summary>
    private static string Unknown(string id, IReadOnlyList<Scenario> catalog) => CatalogIds.Unknown(id, catalog.Select(s => s.Id).ToList());
}
