using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Reports;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// <c>conformancekit load</c>: one built-in workload against one target for a bounded time, with live progress (a
/// Spectre.Console table in a terminal when <c>CI</c> is not set, a plain line per second otherwise), the console
/// summary, <c>reports/&lt;target&gt;/load.json</c> and <c>load.html</c> (and <c>--json FILE</c>), the cross-target
/// index's link, and the exit code: 0 every threshold held, 1 a threshold was breached, 2 usage or configuration
/// error, 3 the run could not be carried out (target unreachable, resources not created, timeout, history not
/// checked). Load goes to loopback hosts only unless <c>--allow-remote</c> is given, and then with a warning line.
/// </summary>
public static class LoadCommand
{
    /// <summary>What the run may take beyond its duration (init, graceful stop) before the engine's timeout stops it.</summary>
    public static readonly TimeSpan RunMargin = TimeSpan.FromMinutes(2);

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        bool? interactive = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = LoadCommandOptions.Parse(args);
        if (!File.Exists(options.TargetsFile))
        {
            throw new ConfigurationException(options.TargetsFile, "$", "no such file (pass --targets FILE, or run from the folder that holds targets.json)");
        }

        var target = TargetsFile.Load(options.TargetsFile, options.Target, Environment.GetEnvironmentVariable);
        if (RemoteHost(target) is { } host)
        {
            if (!options.AllowRemote)
            {
                await error.WriteLineAsync($"error: target '{target.Name}' is at {host}, which is not a loopback address; load is sent only to loopback hosts unless you pass --allow-remote (make sure this is not a production server)").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            await error.WriteLineAsync($"warning: sending load to the non-loopback host {host} (target '{target.Name}', --allow-remote given)").ConfigureAwait(false);
        }

        var settings = new ClientSettings { RequestTimeout = options.WorkloadOptions.Http.RequestTimeout };
        await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), settings, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        HttpWorkload workload;
        IReadOnlyList<LoadScenario> scenarios;
        try
        {
            workload = Workloads.Create(options.Workload, session, options.WorkloadOptions);
            scenarios = workload.CreateScenarios(options.Thresholds, options.DefaultThresholds, options.AbortOnBreach);
        }
        catch (WorkloadException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }

        using (workload)
        {
            var load = options.WorkloadOptions;
            var drive = options.Plan is { } plan
                ? F($"plan {plan.Name} ({string.Join("; ", workload.PhaseLines)})")
                : load.Rate is { } rate
                    ? F($"open model: {rate:0.###} iterations/s, at most {load.MaxInFlight} in flight")
                    : F($"closed model: {load.Users} users");
            await output.WriteLineAsync(F($"load: {workload.Name} against '{target.Name}' at {session.Redactor.RedactUrl(session.BaseAddress)}, {drive} for {load.PlannedDuration.TotalSeconds:0.###} s, seed {load.Seed}")).ConfigureAwait(false);
            await output.WriteLineAsync("thresholds: " + string.Join("; ", scenarios.SelectMany(s => s.Thresholds.Select(t => $"{s.Name}: {t.Expression}"))) + (options.AbortOnBreach ? " (abort on breach)" : "")).ConfigureAwait(false);
            var runOptions = new LoadOptions { Seed = load.Seed, Timeout = load.PlannedDuration + RunMargin };
            var live = interactive ?? (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));
            var result = live
                ? await LoadLiveView.RunAsync(scenarios, runOptions, cancellationToken).ConfigureAwait(false)
                : await LoadRunner.RunAsync(scenarios, runOptions, new LineProgress(output), cancellationToken).ConfigureAwait(false);

            var report = LoadReport.Create(workload, result);
            var code = ExitCode(result);
            report = report with { ExitCode = code };
            var folder = Path.Combine(options.ReportRoot, SafeFileName(target.Name));
            var json = Path.Combine(folder, "load.json");
            var html = Path.Combine(folder, CrossTargetIndex.LoadPageName);
            report.WriteJson(json);
            LoadHtml.Write(report, html);
            if (options.JsonFile is { } extra)
            {
                report.WriteJson(extra);
            }

            var index = CrossTargetIndex.Write(options.ReportRoot);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteAsync(LoadConsole.Summary(report, workload.Verifications)).ConfigureAwait(false);
            await output.WriteLineAsync($"reports: {json}, {html} (all targets: {index})").ConfigureAwait(false);
            await output.WriteLineAsync(LoadConsole.Verdict(report)).ConfigureAwait(false);
            if (code == ExitCodes.CannotRun)
            {
                await error.WriteLineAsync("error: " + LoadConsole.Printable(CannotRunReason(result))).ConfigureAwait(false);
            }

            return code;
        }
    }

    /// <summary>0 every threshold held; 1 one was breached; 3 the run could not be carried out (no load at all, the
    /// caller's cancellation, the run's timeout, or a verify hook that could not judge the history).</summary>
    public static int ExitCode(LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StopReason is LoadStopReason.InitFailed or LoadStopReason.Cancelled)
        {
            return ExitCodes.CannotRun;
        }

        if (result.Thresholds.Any(t => !t.Passed))
        {
            return ExitCodes.NonConformant;
        }

        return result.StopReason == LoadStopReason.Timeout || result.Scenarios.Any(s => s.VerifyError is not null)
            ? ExitCodes.CannotRun
            : ExitCodes.Conformant;
    }

    /// <summary>The host of a target that is not on loopback, or null (the in-box reference server always is).</summary>
    public static string? RemoteHost(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == TargetKind.Reference || target.BaseUrl is not { } url || url.IsLoopback ? null : url.Host;
    }

    private static string CannotRunReason(LoadResult result) =>
        result.Scenarios.FirstOrDefault(s => s.VerifyError is not null) is { } failed && result.StopReason is not (LoadStopReason.InitFailed or LoadStopReason.Cancelled)
            ? $"scenario '{failed.Name}': the history could not be checked: {failed.VerifyError}"
            : $"the load run did not complete ({result.StopReason}): {result.StopMessage}";

    private static string SafeFileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One plain line per snapshot, written on the reporting thread.</summary>
    private sealed class LineProgress(TextWriter output) : IProgress<LoadSnapshot>
    {
        public void Report(LoadSnapshot value) => output.WriteLine(LoadConsole.ProgressLine(value));
    }
}
