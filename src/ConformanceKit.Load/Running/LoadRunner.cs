namespace ConformanceKit.Load;

/// <summary>
/// Runs load scenarios and returns their stats and threshold outcomes; nothing here knows HTTP, steps do.
/// <para>
/// A run: every scenario's init hook (concurrently; one that throws stops the run with
/// <see cref="LoadStopReason.InitFailed"/>), then the load: every scenario's phases at once, each scenario's in
/// sequence. Every <see cref="LoadOptions.SnapshotInterval"/> it takes a <see cref="LoadSnapshot"/>, reports it to the
/// progress callback and evaluates the thresholds; a breached abort-on-breach threshold stops the run. After the
/// last phase, in-flight iterations get <see cref="LoadOptions.GracefulStop"/> to finish. Then every verify hook runs
/// (bounded on its own; its counters join the final stats), the final snapshot and the thresholds' outcomes are taken,
/// every cleanup hook runs (bounded on its own), and they make the <see cref="LoadResult"/>.
/// </para>
/// <para>
/// Bounds: <see cref="LoadOptions.Timeout"/> covers init and load; the caller's token, the timeout and an abort stop
/// everything at once (iterations are cancelled and counted as interrupted). A step that throws is a failed step,
/// never a failed run. Stats memory is constant in the number of requests (HdrHistogram, capped dictionaries,
/// per-second counts for the run's length only).
/// </para>
/// </summary>
public static class LoadRunner
{
    public static Task<LoadResult> RunAsync(LoadScenario scenario, LoadOptions? options = null, IProgress<LoadSnapshot>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync([scenario], options, progress, cancellationToken);

    public static async Task<LoadResult> RunAsync(IReadOnlyList<LoadScenario> scenarios, LoadOptions? options = null,
        IProgress<LoadSnapshot>? progress = null, CancellationToken cancellationToken = default)
    {
        Check(scenarios);
        options ??= new LoadOptions();
        var time = options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var runStart = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var percentiles = options.Percentiles
            .Concat(scenarios.SelectMany(s => s.Thresholds).Select(t => t.Percentile).OfType<double>())
            .Distinct().Order().ToList();
        var clock = new RunClock(time);
        var runs = scenarios.Select(s => new ScenarioRun(s, options, percentiles, clock, stop.Token)).ToList();
        try
        {
            await Task.WhenAll(runs.Select(r => r.InitAsync())).ConfigureAwait(false);
            string? abort = null;
            var initFailed = runs.FirstOrDefault(r => r.InitError is not null);
            if (initFailed is null && !stop.IsCancellationRequested)
            {
                clock.Restart();
                var load = Task.WhenAll(runs.Select(r => Task.Run(r.RunAsync, CancellationToken.None)));
                try
                {
                    abort = await WatchAsync(load, runs, clock, options, progress, stop).ConfigureAwait(false);
                }
                catch
                {
                    // The progress callback threw: stop the load before passing its exception on.
                    await stop.CancelAsync().ConfigureAwait(false);
                    await load.ConfigureAwait(false);
                    throw;
                }

                await load.ConfigureAwait(false);
            }

            var (reason, message) = initFailed is not null
                ? (LoadStopReason.InitFailed, $"scenario '{initFailed.Scenario.Name}' init failed: {initFailed.InitError}")
                : abort is not null ? (LoadStopReason.ThresholdBreached, abort)
                : timeout.IsCancellationRequested ? (LoadStopReason.Timeout, $"the run's timeout of {options.Timeout} ran out")
                : cancellationToken.IsCancellationRequested ? (LoadStopReason.Cancelled, "cancelled by the caller")
                : (LoadStopReason.Completed, (string?)null);
            await Task.WhenAll(runs.Select(r => r.VerifyAsync(cancellationToken))).ConfigureAwait(false);
            var finals = runs.Select(r => r.Snapshot(final: true)).ToList();
            var outcomes = runs.Select((r, i) => r.Monitor.Finish(finals[i], finals[i].Elapsed)).ToList();
            await Task.WhenAll(runs.Select(r => r.CleanupAsync())).ConfigureAwait(false);
            var results = runs.Select((r, i) => new ScenarioResult(r.Scenario.Name, finals[i], outcomes[i], r.InitError, r.CleanupError) { VerifyError = r.VerifyError }).ToList();
            return new LoadResult(startedAt, time.GetElapsedTime(runStart), reason, message, results);
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
        }
    }

    /// <summary>Snapshots, progress and thresholds every interval until the load ends; returns why it aborted, if it did.</summary>
    private static async Task<string?> WatchAsync(Task load, List<ScenarioRun> runs, RunClock clock, LoadOptions options,
        IProgress<LoadSnapshot>? progress, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(options.SnapshotInterval, options.TimeProvider);
        while (true)
        {
            var tick = timer.WaitForNextTickAsync(CancellationToken.None).AsTask();
            if (await Task.WhenAny(tick, load).ConfigureAwait(false) == load)
            {
                return null;
            }

            var snapshots = runs.Select(r => r.Snapshot(final: false)).ToList();
            var at = clock.Elapsed;
            progress?.Report(new LoadSnapshot(at, snapshots));
            for (var i = 0; i < runs.Count; i++)
            {
                if (runs[i].Monitor.Observe(snapshots[i], at) is { } breached)
                {
                    runs[i].Monitor.MarkStopped(breached.Threshold);
                    await stop.CancelAsync().ConfigureAwait(false);
                    return $"threshold '{breached.Threshold.Expression}' of scenario '{runs[i].Scenario.Name}' was breached at " +
                           $"{breached.Breach.At.TotalSeconds:0.0} s: {breached.Breach.Message}";
                }
            }
        }
    }

    private static void Check(IReadOnlyList<LoadScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0 || scenarios.Any(s => s is null))
        {
            throw new ArgumentException("A run needs at least one scenario, and no null scenario.", nameof(scenarios));
        }

        if (scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Two scenarios are named '{twice.Key}'; names must be unique in a run.", nameof(scenarios));
        }
    }
}
