namespace ConformanceKit.Load;

/// <summary>
/// One stretch of a scenario's load, like a k6 stage or an NBomber load simulation. A scenario's phases run in
/// sequence. Closed model (users loop): <see cref="ConstantUsers"/>, <see cref="RampUsers"/>,
/// <see cref="FixedIterations"/>, <see cref="Pause"/>. Open model (arrivals on a schedule):
/// <see cref="ConstantRate"/>, <see cref="RampRate"/>. Every phase checks its arguments when made.
/// </summary>
public abstract record LoadPhase
{
    private protected LoadPhase()
    {
    }

    /// <summary>How long the phase lasts by the clock; zero for <see cref="FixedIterations"/>, which runs to its count.</summary>
    public abstract TimeSpan PlannedDuration { get; }

    public abstract bool IsOpenModel { get; }

    /// <summary>How long <paramref name="phases"/> take by the clock one after another (phases that run to a count of
    /// iterations add nothing).</summary>
    public static TimeSpan PlannedDurationOf(IEnumerable<LoadPhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        return phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.PlannedDuration);
    }

    /// <summary><paramref name="users"/> users loop for <paramref name="duration"/>.</summary>
    public static ConstantUsersPhase ConstantUsers(int users, TimeSpan duration) => new(users, duration);

    /// <summary>The number of looping users goes linearly from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static RampUsersPhase RampUsers(int from, int to, TimeSpan duration) => new(from, to, duration);

    /// <summary><paramref name="users"/> users share exactly <paramref name="iterations"/> iterations; the phase ends when all have run.</summary>
    public static FixedIterationsPhase FixedIterations(int users, long iterations) => new(users, iterations);

    /// <summary>No load for <paramref name="duration"/> (looping users stop after their current iteration).</summary>
    public static PausePhase Pause(TimeSpan duration) => new(duration);

    /// <summary><paramref name="perSecond"/> iterations start per second (fractions allowed: 0.5 is one every 2 s).</summary>
    public static ConstantRatePhase ConstantRate(double perSecond, TimeSpan duration) => new(perSecond, duration);

    /// <summary>The arrival rate goes linearly from <paramref name="from"/> to <paramref name="to"/> per second.</summary>
    public static RampRatePhase RampRate(double from, double to, TimeSpan duration) => new(from, to, duration);
}
