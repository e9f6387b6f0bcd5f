namespace ConformanceKit.Load;

/// <summary>No new iterations for <see cref="Duration"/>: looping users stop after their current iteration.</summary>
public sealed record PausePhase : LoadPhase
{
    internal PausePhase(TimeSpan duration) => Duration = PhaseChecks.Duration(duration, nameof(Duration));

    public TimeSpan Duration { get; }

    public override TimeSpan PlannedDuration => Duration;

    public override bool IsOpenModel => false;

    public override string ToString() => $"pause for {PhaseChecks.Seconds(Duration)}";
}
