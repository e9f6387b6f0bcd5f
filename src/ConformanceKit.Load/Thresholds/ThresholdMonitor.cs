namespace ConformanceKit.Load;

/// <summary>Evaluates one scenario's thresholds on each snapshot, remembers their breaches, and makes the outcomes.</summary>
internal sealed class ThresholdMonitor(string scenario, IReadOnlyList<Threshold> thresholds)
{
    private readonly ThresholdBreach?[] first = new ThresholdBreach?[thresholds.Count];
    private readonly int[] breaches = new int[thresholds.Count];

    public Threshold? StoppedBy { get; private set; }

    /// <summary>Checks every threshold; returns the first abort-on-breach threshold found breached, if any.</summary>
    public (Threshold Threshold, ThresholdBreach Breach)? Observe(ScenarioSnapshot snapshot, TimeSpan at)
    {
        (Threshold, ThresholdBreach)? abort = null;
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (Breach(i, snapshot, at) is { } breach && thresholds[i].AbortOnBreach && at >= thresholds[i].AbortDelay && abort is null)
            {
                abort = (thresholds[i], breach);
            }
        }

        return abort;
    }

    public void MarkStopped(Threshold threshold) => StoppedBy = threshold;

    public IReadOnlyList<ThresholdOutcome> Finish(ScenarioSnapshot snapshot, TimeSpan at)
    {
        var outcomes = new List<ThresholdOutcome>();
        for (var i = 0; i < thresholds.Count; i++)
        {
            var threshold = thresholds[i];
            var value = threshold.Read(snapshot);
            var held = value is { } v && threshold.Holds(v);
            if (value is not null && !held)
            {
                Breach(i, snapshot, at);
            }

            var stopped = ReferenceEquals(StoppedBy, threshold);
            var message = value is { } final ? Describe(threshold, final) : $"{threshold.Metric}: no data";
            if (stopped)
            {
                message += $"; stopped the run at {first[i]?.At.TotalSeconds:0.0} s ({first[i]?.Message})";
            }

            outcomes.Add(new(scenario, threshold.Expression, held && !stopped, value, message, first[i], breaches[i], stopped));
        }

        return outcomes;
    }

    internal static string Describe(Threshold threshold, double value) =>
        $"{threshold.Metric} is {threshold.Format(value)} (wanted {Symbol(threshold.Operator)} {threshold.Format(threshold.Limit)})";

    private static string Symbol(ThresholdOperator op) => op switch
    {
        ThresholdOperator.Less => "<",
        ThresholdOperator.LessOrEqual => "<=",
        ThresholdOperator.Greater => ">",
        ThresholdOperator.GreaterOrEqual => ">=",
        ThresholdOperator.Equal => "==",
        _ => "!=",
    };

    private ThresholdBreach? Breach(int i, ScenarioSnapshot snapshot, TimeSpan at)
    {
        var threshold = thresholds[i];
        if (threshold.Read(snapshot) is not { } value || threshold.Holds(value))
        {
            return null;
        }

        var breach = new ThresholdBreach(at, value, Describe(threshold, value));
        first[i] ??= breach;
        breaches[i]++;
        return breach;
    }
}
