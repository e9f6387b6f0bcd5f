using System.Globalization;
using System.Text;
using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Reports;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit run</c>: the conformance run against one target, with console output (a live
/// progress bar in a terminal, plain lines under CI or in a pipe, only the summary with <c>--quiet</c>), and
/// results.json, index.html, junit.xml and summary.md under <c>reports/&lt;target&gt;/</c> (all judged by the gate
/// of <c>--fail-on</c> and the known deviations of <c>--baseline</c>), the cross-target <c>reports/index.html</c>,
/// and the exit code of the gate: 0, 1, or 3 when the run's time budget ran out (the reports are written).</summary>
public static class RunCommand
{
    private static readonly string[] ValueOptions = ["--target", "--targets", "--suite", "--only", "--exclude", "--report", "--json", "--junit", "--seed", "--fail-on", "--parallel", "--baseline", "--timeout", "--request-timeout", "--max-body-bytes"];
    private static readonly string[] FlagOptions = ["--strict-baseline", "--quiet"];
    private static readonly string[] ReportFiles = ["results.json", "junit.xml", "summary.md"];

    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        ExecuteAsync(args, output, error, live: null, cancellationToken);

    /// <param name="live">Whether to draw the live view; null decides: only on the real console, in a terminal,
    /// with <c>CI</c> unset and without <c>--quiet</c>.</param>
    internal static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool? live, CancellationToken cancellationToken)
    {
        _ = error;
        var options = new ArgumentReader("run", args, ValueOptions, FlagOptions);
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
            "any" => GateLevel.Any,
            var other => throw new UsageException($"--fail-on takes must, should or any, got '{other}'"),
        };
        var strict = options.Flag("--strict-baseline");
        var baselineFile = options.Value("--baseline");
        if (strict && baselineFile is null)
        {
            throw new UsageException("--strict-baseline needs --baseline FILE");
        }

        var quiet = options.Flag("--quiet");
        var requestTimeout = Duration(options, "--request-timeout", TargetTransport.MinRequestTimeout, TargetTransport.MaxRequestTimeout);
        var runTimeout = Duration(options, "--timeout", TargetTransport.MinRunTimeout, TargetTransport.MaxRunTimeout);
        var maxBody = options.WholeNumber("--max-body-bytes");
        if (maxBody is < TargetTransport.MinBodyBytes or > TargetTransport.MaxBodyBytes)
        {
            throw new UsageException($"--max-body-bytes must be between {TargetTransport.MinBodyBytes.ToString(CultureInfo.InvariantCulture)} and {TargetTransport.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)}, got {maxBody.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!File.Exists(targetsFile))
        {
            throw new ConfigurationException(targetsFile, "$", "no such file (pass --targets FILE, or run from the folder that holds targets.json)");
        }

        var target = TargetsFile.Load(targetsFile, targetName, Environment.GetEnvironmentVariable);
        var catalog = new ScenarioLoader().Load(suites);
        var baseline = baselineFile is null ? Baseline.None : BaselineFile.Load(baselineFile, catalog.Select(s => s.Id).ToList(), strict);
        var filter = new ScenarioFilter(options.All("--only"), options.All("--exclude"));
        var scenarios = filter.Apply(catalog);
        if (scenarios.Count == 0)
        {
            throw new UsageException($"no scenario in {string.Join(", ", suites)} matches --only {string.Join(" ", filter.Only)} --exclude {string.Join(" ", filter.Exclude)}");
        }

        var settings = target.Transport.ApplyTo(new ClientSettings());
        settings = settings with
        {
            RequestTimeout = requestTimeout ?? settings.RequestTimeout,
            MaxBodyBytes = maxBody ?? settings.MaxBodyBytes,
        };
        var budget = runTimeout ?? target.Transport.RunTimeout ?? TimeBudget.Default;
        var drawLive = live ?? (!quiet && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));
        foreach (var warning in RunConsole.Warnings(target))
        {
            await output.WriteLineAsync(warning).ConfigureAwait(false);
        }

        if (!quiet)
        {
            await output.WriteLineAsync($"ConformanceKit {ConformanceRun.ToolVersion}: {scenarios.Count} checks against target '{target.Name}' (seed {seed.ToString(CultureInfo.InvariantCulture)}, gate {gate.ToString().ToLowerInvariant()}{(baseline.IsEmpty ? string.Empty : $", baseline {baselineFile} with {baseline.Entries.Count.ToString(CultureInfo.InvariantCulture)} entries")}, time budget {DurationText.Format(budget)})").ConfigureAwait(false);
        }

        RunResult result;
        // One browser for the run, started by the first browser check (none when no check needs one).
        await using var browsers = new ChromiumBrowsers();
        await using (var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), settings, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
            if (!quiet)
            {
                await output.WriteLineAsync($"target at {session.Redactor.RedactUrl(session.BaseAddress)}").ConfigureAwait(false);
            }

            Task<RunResult> Run(IProgress<CheckResult>? progress) => TimeBudget.ExecuteAsync(
                session, scenarios, seed, budget, progress, (p, token) => ConformanceRun.ExecuteAsync(session, scenarios, seed, p, parallelism, browsers, token), cancellationToken);
            result = drawLive
                ? await RunLiveView.RunAsync(scenarios.Count, baseline, Run).ConfigureAwait(false)
                : await Run(quiet ? null : new SynchronousProgress(check => output.WriteLine(RunConsole.CheckLine(check, baseline)))).ConfigureAwait(false);
        }

        result = result with { Baseline = baseline };
        var folder = Path.Combine(reportRoot, SafeFileName(target.Name));
        var files = ReportFiles.Select(f => Path.Combine(folder, f)).ToList();
        JsonResultsWriter.Write(result, files[0], gate);
        HtmlReportWriter.Write(result, Path.Combine(folder, "index.html"), new HtmlReportOptions { Gate = gate });
        JunitWriter.Write(result, files[1], gate);
        MarkdownSummaryWriter.Write(result, files[2], gate);
        // After this target's results.json: the cross-target matrix of every target that has one under the root.
        var index = CrossTargetIndex.Write(reportRoot);
        if (options.Value("--json") is { } jsonFile)
        {
            JsonResultsWriter.Write(result, jsonFile, gate);
            files.Add(jsonFile);
        }

        if (options.Value("--junit") is { } junitFile)
        {
            JunitWriter.Write(result, junitFile, gate);
            files.Add(junitFile);
        }

        var outcome = Gate.Judge(result, gate);
        RunConsole.Summary(output, result, outcome, new ReportPaths(Path.Combine(folder, "index.html"), files, index), separate: !quiet);
        return result.StoppedEarly is not null ? ExitCodes.CannotRun
            : outcome.Passes ? ExitCodes.Conformant
            : ExitCodes.NonConformant;
    }

    private static TimeSpan? Duration(ArgumentReader options, string name, TimeSpan min, TimeSpan max)
    {
        if (options.Value(name) is not { } text)
        {
            return null;
        }

        if (!DurationText.TryParse(text, out var duration))
        {
            throw new UsageException($"{name} takes a duration with its unit ({DurationText.Units}), e.g. 30s, got '{text}'");
        }

        return duration >= min && duration <= max
            ? duration
            : throw new UsageException($"{name} must be between {DurationText.Format(min)} and {DurationText.Format(max)}, got '{text}'");
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
