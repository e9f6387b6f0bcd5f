namespace ConformanceKit.Load;

/// <summary>Defaults and limits of the load phases.</summary>
public static class PhaseConstants
{
    public const int MaxUsers = 50_000;

    public const long MaxIterations = 1_000_000_000;

    /// <summary>Arrivals per second, at most.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>The default cap on iterations in flight in an open-model phase.</summary>
    public const int MaxInFlight = 100;

    public const int MaxInFlightLimit = 100_000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);
}
