using System.Numerics;

namespace ConformanceKit.Load;

/// <summary>
/// Thread-safe recording for one step (or for whole iterations). Records go to one of a few stripes, picked by the
/// recording thread, each a <see cref="StatsAccumulator"/> behind its own lock, so concurrent users rarely wait on
/// each other; <see cref="MergeInto"/> adds the stripes up for a snapshot. Recording allocates nothing.
/// </summary>
internal sealed class MetricRecorder
{
    private readonly Stripe[] stripes;
    private readonly int mask;

    public MetricRecorder(int stripeCount = 0)
    {
        var count = stripeCount > 0 ? stripeCount : DefaultStripes;
        count = (int)BitOperations.RoundUpToPowerOf2((uint)count);
        stripes = [.. Enumerable.Range(0, count).Select(_ => new Stripe())];
        mask = count - 1;
    }

    /// <summary>Twice the cores, rounded up to a power of two, from 2 to 16.</summary>
    public static int DefaultStripes { get; } = Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 2), 2, 16);

    public int StripeCount => stripes.Length;

    public void Record(StepOutcome outcome, long latencyUs, long serviceUs, int second) =>
        Record(outcome.IsOk, outcome.StatusCode, outcome.BytesIn, outcome.BytesOut, outcome.FailureReason, outcome.CounterArray,
            latencyUs, serviceUs, second);

    public void Record(bool ok, int? status, long bytesIn, long bytesOut, string? reason, KeyValuePair<string, long>[] counters,
        long latencyUs, long serviceUs, int second)
    {
        var stripe = stripes[Environment.CurrentManagedThreadId & mask];
        lock (stripe.Gate)
        {
            stripe.Stats.Record(ok, status, bytesIn, bytesOut, reason, counters, latencyUs, serviceUs, second);
        }
    }

    /// <summary>Adds everything recorded so far into <paramref name="target"/>.</summary>
    public void MergeInto(StatsAccumulator target)
    {
        foreach (var stripe in stripes)
        {
            lock (stripe.Gate)
            {
                target.Add(stripe.Stats);
            }
        }
    }

    private sealed class Stripe
    {
        public Lock Gate { get; } = new();

        public StatsAccumulator Stats { get; } = new();
    }
}
