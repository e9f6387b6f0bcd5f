using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.Load;

/// <summary>
/// The metrics a threshold can name, and how each is read from a snapshot. Reserved names come first; any other
/// name is a custom counter: <c>NAME</c> its total, <c>NAME_rate</c> or <c>NAME_ratio</c> its total per record,
/// <c>NAME_per_ok</c> per ok record ('-' in a counter's name is written '_'). A read is null when there is no data.
/// </summary>
internal sealed partial record ThresholdMetric(string Name, MetricUnit Unit, bool ScenarioLevel, double? Percentile,
    Func<ScenarioSnapshot, StatsSnapshot, double?> Read)
{
    private const string ServicePrefix = "service_";

    public static ThresholdMetric? Resolve(string name, out string? error)
    {
        error = null;
        var service = name.StartsWith(ServicePrefix, StringComparison.Ordinal);
        var latency = Latency(service ? name[ServicePrefix.Length..] : name, name, service, ref error);
        if (latency is not null || error is not null)
        {
            return latency;
        }

        if (service)
        {
            error = $"'{name}' is not a latency metric (service_min, service_mean, service_max, service_stddev or service_pNN).";
            return null;
        }

        return Fixed(name) ?? Status(name, ref error) ?? (error is null ? Custom(name) : null);
    }

    private static ThresholdMetric? Latency(string stat, string name, bool service, ref string? error)
    {
        Func<LatencyStats, double?>? read = stat switch
        {
            "min" => l => l.MinMs,
            "mean" => l => l.MeanMs,
            "max" => l => l.MaxMs,
            "stddev" => l => l.StdDevMs,
            _ => null,
        };
        double? percentile = null;
        if (read is null && stat.Length > 1 && stat[0] == 'p' && char.IsAsciiDigit(stat[1]))
        {
            if (!PercentilePattern().IsMatch(stat))
            {
                error = $"'{name}' is not a percentile (write p50, p99 or p99.9).";
                return null;
            }

            var p = double.Parse(stat.AsSpan(1), CultureInfo.InvariantCulture);
            if (p is <= 0 or > 100)
            {
                error = $"percentile {name} must be more than 0 and at most 100.";
                return null;
            }

            percentile = p;
            read = l => l.At(p);
        }

        return read is null
            ? null
            : new(name, MetricUnit.Duration, false, percentile, (_, s) =>
            {
                var stats = service ? s.ServiceTime : s.Latency;
                return stats.Count == 0 ? null : read(stats);
            });
    }

    private static ThresholdMetric? Fixed(string name) => name switch
    {
        "requests" => Count(name, s => s.Count),
        "ok" => Count(name, s => s.Ok),
        "failed" => Count(name, s => s.Failed),
        "bytes_in" => Count(name, s => s.BytesIn),
        "bytes_out" => Count(name, s => s.BytesOut),
        "error_rate" => Ratio(name, s => s.Failed, s => s.Count),
        "rps" => new(name, MetricUnit.PerSecond, false, null, (_, s) => s.Rps),
        "iterations" => Scenario(name, MetricUnit.Count, c => c.Iterations.Count),
        "dropped" => Scenario(name, MetricUnit.Count, c => c.Dropped),
        "late" => Scenario(name, MetricUnit.Count, c => c.Late),
        "interrupted" => Scenario(name, MetricUnit.Count, c => c.Interrupted),
        "dropped_rate" => Scenario(name, MetricUnit.Ratio, c => Divide(c.Dropped, c.Dropped + c.Started)),
        "late_rate" => Scenario(name, MetricUnit.Ratio, c => Divide(c.Late, c.Started)),
        _ => null,
    };

    private static ThresholdMetric? Status(string name, ref string? error)
    {
        if (!name.StartsWith("status_", StringComparison.Ordinal))
        {
            return null;
        }

        var match = StatusPattern().Match(name);
        if (!match.Success)
        {
            error = $"{name} names no status code (write status_304, status_412_rate).";
            return null;
        }

        var code = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        return match.Groups[2].Success
            ? Ratio(name, s => s.StatusCodes.GetValueOrDefault(code), s => s.Count)
            : Count(name, s => s.StatusCodes.GetValueOrDefault(code));
    }

    private static ThresholdMetric Custom(string name)
    {
        foreach (var suffix in (string[])["_rate", "_ratio"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                var counter = name[..^suffix.Length];
                return Ratio(name, s => CounterTotal(s, counter), s => s.Count);
            }
        }

        if (name.EndsWith("_per_ok", StringComparison.Ordinal) && name.Length > "_per_ok".Length)
        {
            var counter = name[..^"_per_ok".Length];
            return new(name, MetricUnit.Count, false, null, (_, s) => Divide(CounterTotal(s, counter), s.Ok));
        }

        return Count(name, s => CounterTotal(s, name));
    }

    private static long CounterTotal(StatsSnapshot stats, string metricName) =>
        stats.Counters.Where(c => Names.MetricForm(c.Key) == metricName).Sum(c => c.Value);

    private static ThresholdMetric Count(string name, Func<StatsSnapshot, long> read) =>
        new(name, MetricUnit.Count, false, null, (_, s) => read(s));

    private static ThresholdMetric Ratio(string name, Func<StatsSnapshot, long> part, Func<StatsSnapshot, long> whole) =>
        new(name, MetricUnit.Ratio, false, null, (_, s) => Divide(part(s), whole(s)));

    private static ThresholdMetric Scenario(string name, MetricUnit unit, Func<ScenarioSnapshot, double?> read) =>
        new(name, unit, true, null, (c, _) => read(c));

    private static double? Divide(long part, long whole) => whole == 0 ? null : (double)part / whole;

    [GeneratedRegex(@"^p[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PercentilePattern();

    [GeneratedRegex("^status_([1-9][0-9]{2})(_rate|_ratio)?$")]
    private static partial Regex StatusPattern();
}
