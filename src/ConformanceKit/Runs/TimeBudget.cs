using ConformanceKit.Checks;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Runs;

/// <summary>
/// The whole run's time budget (<c>run --timeout</c>, a target's <c>timeouts.run</c>): a run that is not done by
/// then is stopped, and still gives a result, so the reports are written. The checks reported before the budget
/// ran out keep their verdicts; every other selected check (the one in flight included) ends as an error verdict
/// saying it was not run, and <see cref="RunResult.StoppedEarly"/> says why the run stopped.
/// </summary>
public static class TimeBudget
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(10);

    /// <param name="run">Runs the checks (e.g. <see cref="ConformanceRun.ExecuteAsync(TargetSession, IReadOnlyList{Scenario}, int, IProgress{CheckResult}?, CancellationToken)"/>),
    /// reporting each result in scenario order to the progress it is given, and stopping when its token is
    /// cancelled.</param>
    public static async Task<RunResult> ExecuteAsync(
        TargetSession session,
        IReadOnlyList<Scenario> scenarios,
        int seed,
        TimeSpan budget,
        IProgress<CheckResult>? progress,
        Func<IProgress<CheckResult>, CancellationToken, Task<RunResult>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        var startedAt = session.Time.GetUtcNow();
        var started = session.Time.GetTimestamp();
        var reported = new List<CheckResult>();
        var collector = new Collector(check =>
        {
            lock (reported)
            {
                reported.Add(check);
            }

            progress?.Report(check);
        });
        using var expiry = new CancellationTokenSource(budget, session.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await run(collector, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var reason = $"not run: the run's time budget ({DurationText.Format(budget)}, --timeout) was used up";
            List<CheckResult> checks;
            lock (reported)
            {
                checks = [.. reported];
            }

            var done = checks.Select(c => c.Check.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var scenario in scenarios.Where(s => !done.Contains(s.Id)))
            {
                var notRun = CheckResult.Errored(scenario.Check, reason, []);
                checks.Add(notRun);
                progress?.Report(notRun);
            }

            var target = session.Target;
            return new RunResult(
                target.Name,
                target.Kind == TargetKind.Reference ? "reference" : "http",
                target.Defects,
                startedAt,
                session.Time.GetElapsedTime(started),
                seed,
                ConformanceRun.ToolVersion,
                checks)
            {
                StoppedEarly = $"the run's time budget ({DurationText.Format(budget)}) was used up after {done.Count} of {scenarios.Count} checks",
            };
        }
    }

    private sealed class Collector(Action<CheckResult> report) : IProgress<CheckResult>
    {
        public void Report(CheckResult value) => report(value);
    }
}
