using System.Globalization;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit validate</c>: checks targets.json (every target, its environment references
/// filled: a missing variable is a problem, a value is never printed) and every suite file, without running
/// anything. One line per problem on the output (<c>FILE:LINE:COLUMN: $.path: reason</c>) and exit 2, or
/// <c>ok: N targets, M checks[, P load plans]</c> and exit 0; the load plans of each suites folder (<c>load/*.json</c>) are
/// checked too. <c>--baseline FILE</c> checks a baseline of known deviations against
/// the catalog too.</summary>
public static class ValidateCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter output, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new ArgumentReader("validate", args, ["--targets", "--suite", "--baseline"], []);
        var targetsFile = options.Value("--targets") ?? DefaultPaths.TargetsFile;
        var suites = options.All("--suite") is { Count: > 0 } given ? given : [DefaultPaths.SuitesFor(targetsFile)];

        var problems = new List<ConfigurationException>();
        TargetsValidation targets;
        if (File.Exists(targetsFile))
        {
            targets = TargetsFile.Validate(targetsFile, environment);
            var targetProblems = targets.Problems.ToList();
            foreach (var target in targets.Targets.Where(t => t.Kind == TargetKind.Reference))
            {
                try
                {
                    ReferenceTargetLauncher.DefectsOf(target);
                }
                catch (ConfigurationException e)
                {
                    targetProblems.Add(e);
                }
            }

            problems.AddRange(targetProblems.OrderBy(p => p.Position?.Line ?? 0).ThenBy(p => p.Position?.Column ?? 0));
        }
        else
        {
            targets = new TargetsValidation([], [], []);
            problems.Add(new ConfigurationException(targetsFile, "$", "no such file (pass --targets FILE, or run from the folder that holds targets.json)"));
        }

        var suite = new ScenarioLoader().Validate(suites);
        problems.AddRange(suite.Problems);
        if (options.Value("--baseline") is { } baseline && suite.Problems.Count == 0)
        {
            try
            {
                Runs.BaselineFile.Load(baseline, suite.Scenarios.Select(s => s.Id).ToList(), strict: false);
            }
            catch (ConfigurationException e)
            {
                problems.Add(e);
            }
        }

        // Load plans (suites/load/*.json, for `load --plan`) beside each suites folder.
        var plans = 0;
        foreach (var file in suites.Where(Directory.Exists).Select(s => Path.Combine(s, "load")).Where(Directory.Exists)
                     .SelectMany(folder => Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)))
        {
            try
            {
                Load.Http.LoadPlanFile.Load(file);
                plans++;
            }
            catch (ConfigurationException e)
            {
                problems.Add(e);
            }
        }

        foreach (var problem in problems)
        {
            output.WriteLine(problem.Message);
        }

        if (problems.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        output.WriteLine($"ok: {targets.Names.Count.ToString(CultureInfo.InvariantCulture)} targets, {suite.Scenarios.Count.ToString(CultureInfo.InvariantCulture)} checks"
            + (plans > 0 ? $", {plans.ToString(CultureInfo.InvariantCulture)} load plans" : ""));
        return ExitCodes.Conformant;
    }
}
