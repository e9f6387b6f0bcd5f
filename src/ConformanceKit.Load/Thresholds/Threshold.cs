using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ConformanceKit.Load;

/// <summary>
/// A k6-like pass/fail gate on a scenario's stats, parsed from text: <c>[SCOPE] METRIC OP VALUE</c>.
/// <list type="bullet">
/// <item>SCOPE: none (all the scenario's requests), <c>step:NAME</c> (one step), or <c>iteration</c> (whole
/// iterations: their latency, count, error rate and rate).</item>
/// <item>METRIC: latency <c>min mean max stddev pNN</c> (p50, p99, p99.9), from the intended start; the same with
/// <c>service_</c> for the service time; counts <c>requests ok failed bytes_in bytes_out status_NNN</c>; ratios
/// <c>error_rate status_NNN_rate</c>; <c>rps</c>; scenario-wide <c>iterations dropped late interrupted dropped_rate
/// late_rate</c>; any other name is a custom counter (<c>lost_updates</c>), with <c>_rate</c>/<c>_ratio</c> for its
/// share of the records and <c>_per_ok</c> per ok record.</item>
/// <item>OP: <c>&lt; &lt;= &gt; &gt;= == !=</c>. VALUE: a latency takes a unit (<c>us ms s m</c>); a ratio a fraction
/// or a percentage (<c>1%</c>); counts and rates a plain number.</item>
/// </list>
/// Examples: <c>p99 &lt; 50ms</c>, <c>step:read p95&lt;=20ms</c>, <c>error_rate &lt; 1%</c>, <c>lost_updates == 0</c>,
/// <c>not_modified_ratio &gt;= 90%</c>. Evaluated every snapshot interval during the run and at the end; with no data
/// (no records yet) it is not judged during the run and fails at the end. <see cref="AbortOnBreach"/> stops the whole
/// run at the first breach seen once <see cref="AbortDelay"/> of load has passed.
/// </summary>
public sealed record Threshold
{
    private Threshold(string expression, ThresholdScope scope, string? step, ThresholdMetric metric, ThresholdOperator op, double limit)
    {
        Expression = expression;
        Scope = scope;
        Step = step;
        Definition = metric;
        Operator = op;
        Limit = limit;
    }

    public string Expression { get; }

    public ThresholdScope Scope { get; }

    /// <summary>The step, for <see cref="ThresholdScope.Step"/>.</summary>
    public string? Step { get; }

    public string Metric => Definition.Name;

    public ThresholdOperator Operator { get; }

    /// <summary>In the metric's unit: milliseconds for a latency, a fraction for a ratio.</summary>
    public double Limit { get; }

    public bool AbortOnBreach { get; init; }

    public TimeSpan AbortDelay
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= PhaseConstants.MaxDuration
            ? value
            : throw new ArgumentOutOfRangeException(nameof(AbortDelay), value, $"AbortDelay must be between 0 and {PhaseConstants.MaxDuration}.");
    }

    /// <summary>The percentile this threshold reads, so snapshots compute it.</summary>
    public double? Percentile => Definition.Percentile;

    internal ThresholdMetric Definition { get; }

    /// <exception cref="FormatException">The expression is not a threshold; the message names it and the reason.</exception>
    public static Threshold Parse(string expression) =>
        TryParse(expression, out var threshold, out var error) ? threshold : throw new FormatException(error);

    public static bool TryParse(string? expression, [NotNullWhen(true)] out Threshold? threshold, out string? error)
    {
        threshold = ThresholdParser.Parse(expression ?? "", out var reason);
        error = reason is null ? null : $"Threshold '{expression}': {reason}";
        return threshold is not null;
    }

    internal static Threshold Create(string expression, ThresholdScope scope, string? step, ThresholdMetric metric, ThresholdOperator op, double limit) =>
        new(expression, scope, step, metric, op, limit);

    public bool Holds(double value) => Operator switch
    {
        ThresholdOperator.Less => value < Limit,
        ThresholdOperator.LessOrEqual => value <= Limit,
        ThresholdOperator.Greater => value > Limit,
        ThresholdOperator.GreaterOrEqual => value >= Limit,
        ThresholdOperator.Equal => value == Limit,
        _ => value != Limit,
    };

    /// <summary>The metric's value in <paramref name="snapshot"/>; null when there is no data.</summary>
    public double? Read(ScenarioSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stats = Scope switch
        {
            ThresholdScope.Requests => snapshot.Requests,
            ThresholdScope.Iterations => snapshot.Iterations,
            _ => snapshot.Step(Step!),
        };
        return stats is null ? null : Definition.Read(snapshot, stats);
    }

    /// <summary>A value in the metric's unit, for messages: <c>12.5 ms</c>, <c>0.8%</c>, <c>3</c>, <c>120.4/s</c>.</summary>
    public string Format(double value) => Definition.Unit switch
    {
        MetricUnit.Duration => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} ms"),
        MetricUnit.Ratio => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.###}%"),
        MetricUnit.PerSecond => string.Create(CultureInfo.InvariantCulture, $"{value:0.###}/s"),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public override string ToString() => Expression;
}
