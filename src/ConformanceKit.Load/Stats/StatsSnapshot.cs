namespace ConformanceKit.Load;

/// <summary>
/// The stats of one step, of all a scenario's requests, or of its whole iterations, at one moment: plain values
/// that serialize as they are. <see cref="Rps"/> is records per second over the scenario's load so far;
/// <see cref="LastSecondRps"/> the records in the last complete second. <see cref="PerSecond"/> is filled in the final
/// result and left empty in live snapshots.
/// </summary>
public sealed record StatsSnapshot
{
    public required string Name { get; init; }

    public long Count => Ok + Failed;

    public required long Ok { get; init; }

    public required long Failed { get; init; }

    /// <summary>Failed / Count; 0 with no records.</summary>
    public double ErrorRate => Count == 0 ? 0 : (double)Failed / Count;

    public required double Rps { get; init; }

    public required long LastSecondRps { get; init; }

    public required long BytesIn { get; init; }

    public required long BytesOut { get; init; }

    /// <summary>Records by status code, in ascending order of code.</summary>
    public required IReadOnlyDictionary<int, long> StatusCodes { get; init; }

    /// <summary>Records that reported no status code.</summary>
    public required long NoStatus { get; init; }

    /// <summary>Custom counters added up, by name.</summary>
    public required IReadOnlyDictionary<string, long> Counters { get; init; }

    /// <summary>Failures by reason (at most <see cref="StatsConstants.MaxFailureReasons"/> distinct ones).</summary>
    public required IReadOnlyDictionary<string, long> FailureReasons { get; init; }

    /// <summary>From the intended start (open model; the actual start in the closed model) to the end.</summary>
    public required LatencyStats Latency { get; init; }

    /// <summary>From the actual start to the end.</summary>
    public required LatencyStats ServiceTime { get; init; }

    public required IReadOnlyList<SecondCounts> PerSecond { get; init; }

    public long Counter(string name) => Counters.GetValueOrDefault(name);

    internal static StatsSnapshot From(string name, StatsAccumulator stats, IReadOnlyList<double> percentiles, TimeSpan elapsed,
        int currentSecond, bool perSecond)
    {
        var last = currentSecond - 1;
        return new()
        {
            Name = name,
            Ok = stats.Ok,
            Failed = stats.Failed,
            Rps = elapsed > TimeSpan.Zero ? stats.Count / elapsed.TotalSeconds : 0,
            LastSecondRps = last >= 0 ? stats.OkAt(last) + stats.FailedAt(last) : 0,
            BytesIn = stats.BytesIn,
            BytesOut = stats.BytesOut,
            StatusCodes = new SortedDictionary<int, long>(stats.Statuses.ToDictionary()),
            NoStatus = stats.NoStatus,
            Counters = new SortedDictionary<string, long>(stats.Counters.ToDictionary(), StringComparer.Ordinal),
            FailureReasons = stats.Reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
            Latency = LatencyStats.From(stats.LatencyHistogram, stats.Latency, percentiles),
            ServiceTime = LatencyStats.From(stats.ServiceHistogram, stats.Service, percentiles),
            PerSecond = perSecond ? [.. Enumerable.Range(0, stats.Seconds).Select(s => new SecondCounts(s, stats.OkAt(s), stats.FailedAt(s)))] : [],
        };
    }
}
