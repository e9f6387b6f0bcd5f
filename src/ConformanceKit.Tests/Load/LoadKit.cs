using System.Collections.Concurrent;
using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Fake steps, bounded options and a synchronous progress sink for the load engine's tests.</summary>
internal static class LoadKit
{
    /// <summary>Short snapshot interval, bounded run: no test can hang on the engine.</summary>
    public static LoadOptions Options { get; } = new()
    {
        SnapshotInterval = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromSeconds(30),
        GracefulStop = TimeSpan.FromSeconds(5),
    };

    public static LoadStep Step(string name, Func<StepContext, StepOutcome> run) => new(name, (context, _) => ValueTask.FromResult(run(context)));

    public static LoadStep Ok(string name = "step") => Step(name, _ => StepOutcome.Ok(200));

    public static LoadStep Delay(string name, TimeSpan delay) => new(name, async (_, ct) =>
    {
        await Task.Delay(delay, ct);
        return StepOutcome.Ok(200, bytesIn: 10, bytesOut: 2);
    });

    public static LoadScenario Scenario(LoadPhase phase, params LoadStep[] steps) => new("scenario", steps, [phase]);

    /// <summary>A scenario snapshot made from records, for threshold tests: (step, outcome, latency in us).</summary>
    public static ScenarioSnapshot Snapshot(IEnumerable<(string Step, StepOutcome Outcome, long LatencyUs)> records, long dropped = 0, long late = 0,
        TimeSpan? elapsed = null, IReadOnlyList<double>? percentiles = null)
    {
        var list = records.ToList();
        var span = elapsed ?? TimeSpan.FromSeconds(1);
        var p = percentiles ?? [50, 90, 99, 99.9];
        var requests = new StatsAccumulator();
        var iterations = new StatsAccumulator();
        var steps = new List<StatsSnapshot>();
        foreach (var group in list.GroupBy(r => r.Step))
        {
            var stats = new StatsAccumulator();
            foreach (var (_, outcome, us) in group)
            {
                stats.Record(outcome.IsOk, outcome.StatusCode, outcome.BytesIn, outcome.BytesOut, outcome.FailureReason, outcome.CounterArray, us, us, 0);
                iterations.Record(outcome.IsOk, null, 0, 0, outcome.IsOk ? null : "failed", [], us, us, 0);
            }

            requests.Add(stats);
            steps.Add(StatsSnapshot.From(group.Key, stats, p, span, 1, perSecond: false));
        }

        return new()
        {
            Name = "scenario",
            Elapsed = span,
            Phase = 1,
            PhaseDescription = "done",
            Finished = true,
            ActiveUsers = 0,
            InFlight = 0,
            Started = list.Count,
            Dropped = dropped,
            Late = late,
            Interrupted = 0,
            Abandoned = 0,
            Iterations = StatsSnapshot.From("iterations", iterations, p, span, 1, perSecond: false),
            Requests = StatsSnapshot.From("requests", requests, p, span, 1, perSecond: false),
            Steps = steps,
        };
    }
}

/// <summary>Collects reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class Collect<T>(Action<T>? onReport = null) : IProgress<T>
{
    public ConcurrentQueue<T> Items { get; } = new();

    public void Report(T value)
    {
        Items.Enqueue(value);
        onReport?.Invoke(value);
    }
}
