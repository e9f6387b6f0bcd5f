namespace ConformanceKit.Load;

/// <summary>Closed model: <see cref="Users"/> virtual users loop for <see cref="Duration"/>.</summary>
public sealed record ConstantUsersPhase : LoadPhase
{
    internal ConstantUsersPhase(int users, TimeSpan duration)
    {
        Users = PhaseChecks.Users(users, 1, nameof(Users));
        Duration = PhaseChecks.Duration(duration, nameof(Duration));
    }

    public int Users { get; }

    public TimeSpan Duration { get; }

    public override TimeSpan PlannedDuration => Duration;

    public override bool IsOpenModel => false;

    public override string ToString() => $"{Users} users for {PhaseChecks.Seconds(Duration)}";
}
