namespace ConformanceKit.Load;

/// <summary>
/// How one threshold ended: <see cref="Passed"/> on the final stats (a threshold that stopped the run has failed,
/// whatever the final value), the final <see cref="Value"/> (null: no data), the first breach seen and how many
/// evaluations breached it (the final one included).
/// </summary>
public sealed record ThresholdOutcome(
    string Scenario,
    string Expression,
    bool Passed,
    double? Value,
    string Message,
    ThresholdBreach? FirstBreach,
    int Breaches,
    bool StoppedRun);

/// <summary>A threshold seen breached: when (from the load's start) and at what value (in the metric's unit).</summary>
public sealed record ThresholdBreach(TimeSpan At, double Value, string Message);
