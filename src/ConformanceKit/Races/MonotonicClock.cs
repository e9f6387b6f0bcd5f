namespace ConformanceKit.Races;

/// <summary>Offsets from the moment it was made, read from <see cref="TimeProvider.GetTimestamp"/> (monotonic:
/// wall-clock adjustments cannot reorder a history).</summary>
internal sealed class MonotonicClock(TimeProvider time)
{
    private readonly long origin = time.GetTimestamp();

    public TimeSpan Now => time.GetElapsedTime(origin);
}
