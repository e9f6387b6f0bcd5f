namespace ConformanceKit.Load;

/// <summary>
/// Closed model: the number of looping users goes linearly from <see cref="From"/> to <see cref="To"/> over
/// <see cref="Duration"/>, rounded to the nearest user: with 0 to 10 over 10 s a user joins at 0.5 s, 1.5 s, …, 9.5 s,
/// so the phase averages (From + To) / 2 users. A user removed by a ramp down finishes its current iteration.
/// </summary>
public sealed record RampUsersPhase : LoadPhase
{
    internal RampUsersPhase(int from, int to, TimeSpan duration)
    {
        From = PhaseChecks.Users(from, 0, nameof(From));
        To = PhaseChecks.Users(to, 0, nameof(To));
        Duration = PhaseChecks.Duration(duration, nameof(Duration));
    }

    public int From { get; }

    public int To { get; }

    public TimeSpan Duration { get; }

    public override TimeSpan PlannedDuration => Duration;

    public override bool IsOpenModel => false;

    /// <summary>The number of users <paramref name="elapsed"/> into the phase.</summary>
    public int UsersAt(TimeSpan elapsed)
    {
        var fraction = Math.Clamp(elapsed / Duration, 0, 1);
        var change = (int)Math.Floor((Math.Abs(To - From) * fraction) + 0.5);
        return To >= From ? From + change : From - change;
    }

    /// <summary>When the <paramref name="change"/>-th user joins or leaves (1-based, up to |To - From|).</summary>
    internal TimeSpan ChangeTime(int change) => Duration * ((change - 0.5) / Math.Abs(To - From));

    public override string ToString() => $"{From} to {To} users over {PhaseChecks.Seconds(Duration)}";
}
