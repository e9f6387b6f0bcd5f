namespace ConformanceKit.Load;

/// <summary>How latencies are recorded, and the bounds that keep the stats' memory constant.</summary>
public static class StatsConstants
{
    /// <summary>Latencies are recorded in microseconds, from 1 us to 1 h (longer ones count as 1 h), to 3 significant digits.</summary>
    public const long LowestMicroseconds = 1;

    public const long HighestMicroseconds = 3_600_000_000;

    public const int SignificantDigits = 3;

    public const int MaxPercentiles = 32;

    /// <summary>Distinct counter names kept per step; further names are ignored.</summary>
    public const int MaxCounters = 64;

    /// <summary>Distinct failure reasons kept per step; further ones are counted under <see cref="OtherReasons"/>.</summary>
    public const int MaxFailureReasons = 16;

    public const string OtherReasons = "(other reasons)";

    /// <summary>Per-second entries kept (the run's timeout is at most this long).</summary>
    public const int MaxSeconds = 24 * 3600 + 600;

    public static IReadOnlyList<double> DefaultPercentiles { get; } = [50, 75, 90, 95, 99, 99.9];
}
