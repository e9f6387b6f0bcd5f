namespace ConformanceKit.Load;

/// <summary>
/// Open model: iterations start on a schedule, whether or not earlier ones have finished. Arrival k (0-based)
/// is due when the expected number of arrivals since the phase began reaches k, so the first is due at once and a
/// rate r over a duration d makes ⌈r·d⌉ arrivals (0.5/s over 4 s: at 0 s and 2 s). At most <see cref="MaxInFlight"/>
/// iterations run at once; an arrival that would exceed that is dropped and counted.
/// </summary>
public abstract record OpenModelPhase : LoadPhase
{
    private protected OpenModelPhase(TimeSpan duration) => Duration = PhaseChecks.Duration(duration, nameof(Duration));

    public TimeSpan Duration { get; }

    public int MaxInFlight
    {
        get;
        init => field = value >= 1 && value <= PhaseConstants.MaxInFlightLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxInFlight), value, $"MaxInFlight must be between 1 and {PhaseConstants.MaxInFlightLimit}.");
    } = PhaseConstants.MaxInFlight;

    public override TimeSpan PlannedDuration => Duration;

    public override bool IsOpenModel => true;

    /// <summary>When arrival <paramref name="k"/> is due, from the phase's start; null when it falls after the phase.</summary>
    public TimeSpan? ArrivalTime(long k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var seconds = ArrivalSeconds(k);
        return seconds is { } s && s < Duration.TotalSeconds ? TimeSpan.FromTicks((long)(s * TimeSpan.TicksPerSecond)) : null;
    }

    /// <summary>Seconds from the start to arrival k, or null when the schedule never reaches it.</summary>
    private protected abstract double? ArrivalSeconds(long k);
}
