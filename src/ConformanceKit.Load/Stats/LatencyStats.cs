using HdrHistogram;

namespace ConformanceKit.Load;

/// <summary>
/// A latency distribution in milliseconds: count, exact min, mean and max, the standard deviation, and the requested
/// percentiles (HdrHistogram, 3 significant digits: a percentile is within 0.1% of the true value, never above the max).
/// With no samples every figure is 0.
/// </summary>
public sealed record LatencyStats(long Count, double MinMs, double MeanMs, double MaxMs, double StdDevMs, IReadOnlyList<PercentileValue> Percentiles)
{
    public static LatencyStats Empty { get; } = new(0, 0, 0, 0, 0, []);

    /// <summary>The value at <paramref name="percentile"/>, if it was one of those computed.</summary>
    public double? At(double percentile) =>
        Percentiles.FirstOrDefault(p => p.Percentile.Equals(percentile)) is { } found ? found.Ms : null;

    internal static LatencyStats From(HistogramBase histogram, LatencyTotals totals, IReadOnlyList<double> percentiles)
    {
        if (totals.Count == 0)
        {
            return Empty with { Percentiles = [.. percentiles.Select(p => new PercentileValue(p, 0))] };
        }

        var values = percentiles
            .Select(p => new PercentileValue(p, Ms(Math.Clamp(histogram.GetValueAtPercentile(p), totals.MinUs, totals.MaxUs))))
            .ToList();
        return new(totals.Count, Ms(totals.MinUs), (double)totals.SumUs / totals.Count / 1000, Ms(totals.MaxUs),
            histogram.GetStdDeviation() / 1000, values);
    }

    private static double Ms(long us) => us / 1000.0;
}

/// <summary>One percentile (e.g. 99.9) and its value in milliseconds.</summary>
public sealed record PercentileValue(double Percentile, double Ms);
