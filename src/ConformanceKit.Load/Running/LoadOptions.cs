namespace ConformanceKit.Load;

/// <summary>
/// How a run goes: its hard <see cref="Timeout"/> (init and load; cleanup has its own bound), the
/// <see cref="GracefulStop"/> for iterations in flight after the last phase, the <see cref="SnapshotInterval"/> for
/// progress and thresholds, the <see cref="Percentiles"/> reported, the <see cref="LateTolerance"/>, the
/// <see cref="Seed"/> of every user's random, and the <see cref="TimeProvider"/>. Values are checked as they are set.
/// </summary>
public sealed record LoadOptions
{
    public TimeSpan Timeout
    {
        get;
        init => field = Positive(value, LoadConstants.MaxTimeout, nameof(Timeout));
    } = LoadConstants.Timeout;

    public TimeSpan GracefulStop
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= LoadConstants.MaxGracefulStop
            ? value
            : throw new ArgumentOutOfRangeException(nameof(GracefulStop), value, $"GracefulStop must be between 0 and {LoadConstants.MaxGracefulStop}.");
    } = LoadConstants.GracefulStop;

    public TimeSpan SnapshotInterval
    {
        get;
        init => field = value >= LoadConstants.MinSnapshotInterval && value <= LoadConstants.MaxSnapshotInterval
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SnapshotInterval), value,
                $"SnapshotInterval must be between {LoadConstants.MinSnapshotInterval} and {LoadConstants.MaxSnapshotInterval}.");
    } = LoadConstants.SnapshotInterval;

    public TimeSpan LateTolerance
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= LoadConstants.MaxLateTolerance
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LateTolerance), value, $"LateTolerance must be between 0 and {LoadConstants.MaxLateTolerance}.");
    } = LoadConstants.LateTolerance;

    /// <summary>Reported percentiles, each more than 0 and at most 100 (thresholds add the ones they read).</summary>
    public IReadOnlyList<double> Percentiles
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count is 0 or > StatsConstants.MaxPercentiles || value.Any(p => !(p > 0 && p <= 100)))
            {
                throw new ArgumentOutOfRangeException(nameof(Percentiles), string.Join(", ", value),
                    $"Percentiles must hold 1 to {StatsConstants.MaxPercentiles} values, each more than 0 and at most 100.");
            }

            field = [.. value.Distinct().Order()];
        }
    } = StatsConstants.DefaultPercentiles;

    public int Seed { get; init; }

    public TimeProvider TimeProvider
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(TimeProvider));
    } = TimeProvider.System;

    private static TimeSpan Positive(TimeSpan value, TimeSpan max, string name) =>
        value > TimeSpan.Zero && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero and at most {max}.");
}
