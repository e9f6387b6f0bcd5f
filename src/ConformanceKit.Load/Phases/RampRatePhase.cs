namespace ConformanceKit.Load;

/// <summary>
/// Open model: the arrival rate goes linearly from <see cref="From"/> to <see cref="To"/> per second over
/// <see cref="Duration"/>. The expected arrivals by time t are N(t) = From·t + (To − From)·t² / (2·Duration);
/// arrival k is due when N(t) = k. Both rates zero is a pause.
/// </summary>
public sealed record RampRatePhase : OpenModelPhase
{
    internal RampRatePhase(double from, double to, TimeSpan duration)
        : base(duration)
    {
        From = PhaseChecks.Rate(from, allowZero: true, nameof(From));
        To = PhaseChecks.Rate(to, allowZero: true, nameof(To));
    }

    public double From { get; }

    public double To { get; }

    private protected override double? ArrivalSeconds(long k)
    {
        if (From == 0 && To == 0)
        {
            return null;
        }

        if (k == 0)
        {
            return 0;
        }

        // Solve a·t² + b·t = k for the first t ≥ 0, in the form that stays exact when a is 0 or b is 0.
        var a = (To - From) / (2 * Duration.TotalSeconds);
        var b = From;
        var discriminant = (b * b) + (4 * a * k);
        return discriminant < 0 ? null : 2 * k / (b + Math.Sqrt(discriminant));
    }

    public override string ToString() =>
        $"{PhaseChecks.Number(From)}/s to {PhaseChecks.Number(To)}/s over {PhaseChecks.Seconds(Duration)} (at most {MaxInFlight} in flight)";
}
