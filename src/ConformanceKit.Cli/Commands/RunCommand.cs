using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Reports;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit run</c>: the conformance run against one target, with console lines, and
/// results.json, index.html, junit.xml and summary.md under <c>reports/&lt;target&gt;/</c> (all judged by the
/// gate of <c>--fail-on</c>), the cross-target <c>reports/index.html</c>, and the exit code of the gate.</summary>
public static class RunCommand
{
    private static readonly string[] ValueOptions = ["--target", "--targets", "--suite", "--only", "--exclude", "--report", "--json", "--junit", "--seed", "--fail-on", "--parallel"];

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new ArgumentReader("run", args, ValueOptions, []);
        var targetName = options.Required("--target", "NAME (a target of targets.json, e.g. reference)");
        var targetsFile = options.Value("--targets") ?? DefaultPaths.TargetsFile;
        var suites = options.All("--suite") is { Count: > 0 } given ? given : [DefaultPaths.SuitesFor(targetsFile)];
        var reportRoot = options.Value("--report") ?? DefaultPaths.ReportsDirectory;
        var seed = options.WholeNumber("--seed") ?? 1;
        var parallelism = options.WholeNumber("--parallel") ?? 1;
        if (parallelism is < 1 or > ConformanceRun.MaxParallelism)
        {
            throw new UsageException($"--parallel must be between 1 and {ConformanceRun.MaxParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture)}, got {parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var gate = options.Value("--fail-on") switch
        {
            null or "must" => GateLevel.Must,
            "should" => GateLevel.Should,
            var other => throw new UsageException($"--fail-on takes must or should, got '{other}'"),
        };

        if (!File.Exists(targetsFile))
        {
            throw new ConfigurationException(targetsFile, "$", "no such file (pass --targets FILE, or run from the folder that holds targets.json)");
        }

        var target = TargetsFile.Load(targetsFile, targetName, Environment.GetEnvironmentVariable);
        var filter = new ScenarioFilter(options.All("--only"), options.All("--exclude"));
        var scenarios = filter.Apply(new ScenarioLoader().Load(suites));
        if (scenarios.Count == 0)
        {
            throw new UsageException($"no scenario in {string.Join(", ", suites)} matches --only {string.Join(" ", filter.Only)} --exclude {string.Join(" ", filter.Exclude)}");
        }

        await output.WriteLineAsync($"ConformanceKit {ConformanceRun.ToolVersion}: {scenarios.Count} checks against target '{target.Name}' (seed {seed.ToString(CultureInfo.InvariantCulture)})").ConfigureAwait(false);
        RunResult result;
        await using (var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteLineAsync($"target at {session.Redactor.RedactUrl(session.BaseAddress)}").ConfigureAwait(false);
            var progress = new SynchronousProgress(check => output.WriteLine(ConsoleLine(check)));
            result = await ConformanceRun.ExecuteAsync(session, scenarios, seed, progress, parallelism, cancellationToken).ConfigureAwait(false);
        }

        var folder = Path.Combine(reportRoot, SafeFileName(target.Name));
        JsonResultsWriter.Write(result, Path.Combine(folder, "results.json"), gate);
        HtmlReportWriter.Write(result, Path.Combine(folder, "index.html"), new HtmlReportOptions { Gate = gate });
        JunitWriter.Write(result, Path.Combine(folder, "junit.xml"), gate);
        MarkdownSummaryWriter.Write(result, Path.Combine(folder, "summary.md"), gate);
        // After this target's results.json: the cross-target matrix of every target that has one under the root.
        var index = CrossTargetIndex.Write(reportRoot);
        if (options.Value("--json") is { } jsonFile)
        {
            JsonResultsWriter.Write(result, jsonFile, gate);
        }

        if (options.Value("--junit") is { } junitFile)
        {
            JunitWriter.Write(result, junitFile, gate);
        }

        var summary = result.Summary;
        var passes = Gate.Passes(result, gate);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{summary.Pass} pass, {summary.Fail} fail, {summary.Warn} warn, {summary.Info} info, {summary.Skip} skip, {summary.Error} error in {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        await output.WriteLineAsync($"report: {Path.Combine(folder, "index.html")}").ConfigureAwait(false);
        await output.WriteLineAsync($"all targets: {index}").ConfigureAwait(false);
        await output.WriteLineAsync(passes
            ? $"CONFORMANT (gate: {gate.ToString().ToLowerInvariant()})"
            : $"NOT CONFORMANT (gate: {gate.ToString().ToLowerInvariant()}): {string.Join(", ", result.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Error || (gate == GateLevel.Should && c.Verdict == Verdict.Warn)).Select(c => c.Check.Id))}").ConfigureAwait(false);
        return passes ? ExitCodes.Conformant : ExitCodes.NonConformant;
    }

    /// <summary>At most this many lines of a violation's operations are printed under a race check.</summary>
    public const int MaxConsoleOperations = 20;

    /// <summary>One line per check; below a check that did not pass, its message; below a race check that found a
    /// violation, the operations that show the first one (the message holds its seed and explanation), at most
    /// <see cref="MaxConsoleOperations"/> lines. Control characters a target sent are shown as U+FFFD, so they
    /// cannot drive the terminal.</summary>
    public static string ConsoleLine(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var verdict = check.Verdict.ToString().ToUpperInvariant().PadRight(5);
        var line = $"{verdict} {check.Check.Id} ({check.Check.Section} {check.Check.Level.ToString().ToUpperInvariant()})";
        if (check.Verdict == Verdict.Pass)
        {
            return line;
        }

        var text = new StringBuilder(line).Append("\n      ").Append(Printable(check.Message));
        if (check.Race is { Violations: [var first, ..] })
        {
            var operations = first.Operations;
            var shown = operations.Count <= MaxConsoleOperations ? operations.Count : MaxConsoleOperations - 1;
            foreach (var operation in operations.Take(shown))
            {
                text.Append("\n        ").Append(Printable(operation.Describe()));
            }

            if (shown < operations.Count)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n        … {operations.Count - shown} more (see results.json or index.html)");
            }
        }

        return text.ToString();
    }

    private static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] != '\n' ? '\uFFFD' : source[i];
            }
        });

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>Reports on the caller's thread, so console lines come out in order.</summary>
    private sealed class SynchronousProgress(Action<CheckResult> report) : IProgress<CheckResult>
    {
        public void Report(CheckResult value) => report(value);
    }
}
