namespace ConformanceKit.Load;

/// <summary>What a threshold's value means: a duration (kept in milliseconds), a ratio (a fraction; 1% is 0.01),
/// a count, or a number per second.</summary>
internal enum MetricUnit
{
    Duration,
    Ratio,
    Count,
    PerSecond,
}
