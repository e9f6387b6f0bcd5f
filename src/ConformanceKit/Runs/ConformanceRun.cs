using System.Reflection;
using System.Security.Cryptography;
using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Runs;

/// <summary>Runs the selected scenarios against one open target: one after the other, or up to a given number
/// at once. Results and progress reports keep the scenarios' order either way.</summary>
public static class ConformanceRun
{
    /// <summary>The most scenarios a run lets go at once.</summary>
    public const int MaxParallelism = 32;

    public static string ToolVersion { get; } =
        typeof(ConformanceRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Task<RunResult> ExecuteAsync(
        TargetSession session,
        IReadOnlyList<Scenario> scenarios,
        int seed,
        IProgress<CheckResult>? progress,
        CancellationToken cancellationToken) =>
        ExecuteAsync(session, scenarios, seed, progress, parallelism: 1, cancellationToken);

    public static Task<RunResult> ExecuteAsync(
        TargetSession session,
        IReadOnlyList<Scenario> scenarios,
        int seed,
        IProgress<CheckResult>? progress,
        int parallelism,
        CancellationToken cancellationToken) =>
        ExecuteAsync(session, scenarios, seed, progress, parallelism, browsers: null, cancellationToken);

    /// <param name="parallelism">How many scenarios may run at once (1 to <see cref="MaxParallelism"/>). Each
    /// scenario has its own resource and clients, so scripted scenarios may overlap; most of their time is spent
    /// waiting for the server (or in a step's bounded wait). Race scenarios always run alone, after the others, so
    /// other traffic never widens or narrows the windows they measure.</param>
    /// <param name="browsers">Opens the real-browser clients of browser steps; null skips those checks
    /// (<see cref="BrowserClients.NoBrowser"/>). The caller owns it: one browser can serve many runs.</param>
    public static async Task<RunResult> ExecuteAsync(
        TargetSession session,
        IReadOnlyList<Scenario> scenarios,
        int seed,
        IProgress<CheckResult>? progress,
        int parallelism,
        IBrowserClientFactory? browsers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parallelism, MaxParallelism);
        var startedAt = session.Time.GetUtcNow();
        var started = session.Time.GetTimestamp();
        var runner = new ScenarioRunner(session, seed, NewNonce(), browsers);
        var slots = new CheckResult?[scenarios.Count];
        var reported = 0;
        var gate = new Lock();

        // Reports each result once every scenario before it has one, so progress reads in scenario order.
        void Complete(int index, CheckResult result)
        {
            lock (gate)
            {
                slots[index] = result;
                while (reported < slots.Length && slots[reported] is { } next)
                {
                    progress?.Report(next);
                    reported++;
                }
            }
        }

        var scripted = Enumerable.Range(0, scenarios.Count).Where(i => scenarios[i].Race is null).ToList();
        var raced = Enumerable.Range(0, scenarios.Count).Where(i => scenarios[i].Race is not null).ToList();
        if (parallelism == 1)
        {
            // One after the other, in file order (races included where they stand).
            for (var i = 0; i < scenarios.Count; i++)
            {
                Complete(i, await runner.RunAsync(scenarios[i], cancellationToken).ConfigureAwait(false));
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(scripted, options, async (i, token) => Complete(i, await runner.RunAsync(scenarios[i], token).ConfigureAwait(false))).ConfigureAwait(false);
            foreach (var i in raced)
            {
                Complete(i, await runner.RunAsync(scenarios[i], cancellationToken).ConfigureAwait(false));
            }
        }

        var results = slots.Select(r => r!).ToList();

        var target = session.Target;
        return new RunResult(
            target.Name,
            target.Kind == TargetKind.Reference ? "reference" : "http",
            target.Defects,
            startedAt,
            session.Time.GetElapsedTime(started),
            seed,
            ToolVersion,
            results);
    }

    /// <summary>Six hex digits that make this run's fresh resource ids unique on a shared server.</summary>
    private static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
}
