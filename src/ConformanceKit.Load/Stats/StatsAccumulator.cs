using System.Runtime.InteropServices;
using HdrHistogram;

namespace ConformanceKit.Load;

/// <summary>
/// Everything recorded for one step (or for whole iterations): counts, statuses, bytes, counters, failure reasons,
/// per-second counts and two HdrHistograms (latency and service time, in microseconds). Its memory does not grow
/// with the number of records: the histograms are fixed, the dictionaries are capped, and the per-second arrays grow
/// with the run's length only. Not thread-safe: <see cref="MetricRecorder"/> keeps several behind locks.
/// </summary>
internal sealed class StatsAccumulator
{
    private readonly LongHistogram latency = NewHistogram();
    private readonly LongHistogram service = NewHistogram();
    private readonly Dictionary<int, long> statuses = [];
    private readonly Dictionary<string, long> counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> reasons = new(StringComparer.Ordinal);
    private long[] okPerSecond = new long[16];
    private long[] failedPerSecond = new long[16];

    public long Ok { get; private set; }

    public long Failed { get; private set; }

    public long Count => Ok + Failed;

    public long BytesIn { get; private set; }

    public long BytesOut { get; private set; }

    public long NoStatus { get; private set; }

    /// <summary>Seconds with an entry (the last one recorded, plus one).</summary>
    public int Seconds { get; private set; }

    public LatencyTotals Latency { get; private set; } = LatencyTotals.Empty;

    public LatencyTotals Service { get; private set; } = LatencyTotals.Empty;

    public IReadOnlyDictionary<int, long> Statuses => statuses;

    public IReadOnlyDictionary<string, long> Counters => counters;

    public IReadOnlyDictionary<string, long> Reasons => reasons;

    public LongHistogram LatencyHistogram => latency;

    public LongHistogram ServiceHistogram => service;

    public long OkAt(int second) => second < Seconds ? okPerSecond[second] : 0;

    public long FailedAt(int second) => second < Seconds ? failedPerSecond[second] : 0;

    public void Record(bool ok, int? status, long bytesIn, long bytesOut, string? reason, KeyValuePair<string, long>[] stepCounters,
        long latencyUs, long serviceUs, int second)
    {
        if (ok)
        {
            Ok++;
        }
        else
        {
            Failed++;
            AddReason(reason ?? "failed", 1);
        }

        if (status is { } code)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(statuses, code, out _)++;
        }
        else
        {
            NoStatus++;
        }

        BytesIn += bytesIn;
        BytesOut += bytesOut;
        foreach (var (name, value) in stepCounters)
        {
            AddCounter(name, value);
        }

        latency.RecordValue(Math.Clamp(latencyUs, 0, StatsConstants.HighestMicroseconds));
        service.RecordValue(Math.Clamp(serviceUs, 0, StatsConstants.HighestMicroseconds));
        Latency = Latency.With(latencyUs);
        Service = Service.With(serviceUs);
        AddSecond(second, ok ? 1 : 0, ok ? 0 : 1);
    }

    public void Add(StatsAccumulator other)
    {
        Ok += other.Ok;
        Failed += other.Failed;
        BytesIn += other.BytesIn;
        BytesOut += other.BytesOut;
        NoStatus += other.NoStatus;
        foreach (var (code, count) in other.statuses)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(statuses, code, out _) += count;
        }

        foreach (var (name, value) in other.counters)
        {
            AddCounter(name, value);
        }

        foreach (var (reason, count) in other.reasons)
        {
            AddReason(reason, count);
        }

        latency.Add(other.latency);
        service.Add(other.service);
        Latency = Latency.Merge(other.Latency);
        Service = Service.Merge(other.Service);
        for (var s = 0; s < other.Seconds; s++)
        {
            AddSecond(s, other.okPerSecond[s], other.failedPerSecond[s]);
        }
    }

    public void Reset()
    {
        Ok = Failed = BytesIn = BytesOut = NoStatus = 0;
        statuses.Clear();
        counters.Clear();
        reasons.Clear();
        latency.Reset();
        service.Reset();
        Latency = Service = LatencyTotals.Empty;
        Array.Clear(okPerSecond, 0, Seconds);
        Array.Clear(failedPerSecond, 0, Seconds);
        Seconds = 0;
    }

    private static LongHistogram NewHistogram() =>
        new(StatsConstants.LowestMicroseconds, StatsConstants.HighestMicroseconds, StatsConstants.SignificantDigits);

    public void AddCounter(string name, long value)
    {
        if (counters.Count < StatsConstants.MaxCounters || counters.ContainsKey(name))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counters, name, out _) += value;
        }
    }

    private void AddReason(string reason, long count)
    {
        var key = reasons.Count < StatsConstants.MaxFailureReasons || reasons.ContainsKey(reason) ? reason : StatsConstants.OtherReasons;
        CollectionsMarshal.GetValueRefOrAddDefault(reasons, key, out _) += count;
    }

    private void AddSecond(int second, long ok, long failed)
    {
        if (second < 0 || second >= StatsConstants.MaxSeconds)
        {
            return;
        }

        if (second >= okPerSecond.Length)
        {
            var length = Math.Min(Math.Max(okPerSecond.Length * 2, second + 1), StatsConstants.MaxSeconds);
            Array.Resize(ref okPerSecond, length);
            Array.Resize(ref failedPerSecond, length);
        }

        okPerSecond[second] += ok;
        failedPerSecond[second] += failed;
        Seconds = Math.Max(Seconds, second + 1);
    }
}

/// <summary>Exact count, sum, min and max of recorded microseconds (the histogram's are rounded to its buckets).</summary>
internal readonly record struct LatencyTotals(long Count, long SumUs, long MinUs, long MaxUs)
{
    public static LatencyTotals Empty { get; } = new(0, 0, long.MaxValue, 0);

    public LatencyTotals With(long us) => new(Count + 1, SumUs + us, Math.Min(MinUs, us), Math.Max(MaxUs, us));

    public LatencyTotals Merge(LatencyTotals other) =>
        new(Count + other.Count, SumUs + other.SumUs, Math.Min(MinUs, other.MinUs), Math.Max(MaxUs, other.MaxUs));
}
