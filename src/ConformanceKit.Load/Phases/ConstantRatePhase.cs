namespace ConformanceKit.Load;

/// <summary>Open model: <see cref="PerSecond"/> arrivals per second for <see cref="Duration"/>, arrival k due at k / rate.</summary>
public sealed record ConstantRatePhase : OpenModelPhase
{
    internal ConstantRatePhase(double perSecond, TimeSpan duration)
        : base(duration) => PerSecond = PhaseChecks.Rate(perSecond, allowZero: false, nameof(PerSecond));

    public double PerSecond { get; }

    private protected override double? ArrivalSeconds(long k) => k / PerSecond;

    public override string ToString() =>
        $"{PhaseChecks.Number(PerSecond)}/s for {PhaseChecks.Seconds(Duration)} (at most {MaxInFlight} in flight)";
}
