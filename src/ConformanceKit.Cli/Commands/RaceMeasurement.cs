using ConformanceKit.Races;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// What one run of the race sensitivity benchmark showed: whether a violation was found, in which round,
/// and how long after the start of the race block the round that showed it ended (its final read), read
/// from the block's own monotonic clock. <see cref="Elapsed"/> is the block's length (end of its last round).
/// </summary>
internal sealed record RaceMeasurement(
    int Seed,
    int Rounds,
    TimeSpan Elapsed,
    int? DetectionRound,
    TimeSpan? TimeToDetection,
    IReadOnlyList<Violation> Violations,
    int NoResponse,
    TimeSpan MedianReleaseSpread)
{
    public bool Detected => DetectionRound is not null;

    /// <summary>The measurement of a block, or null when it could not race at all (no usable validator, a
    /// round that could not start): then <paramref name="problem"/> says why.</summary>
    public static RaceMeasurement? Of(RaceResult result, int seed, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(result);
        problem = null;
        var notRun = result.Rounds.FirstOrDefault(r => !r.Ran);
        if (result.Rounds.Count == 0 || notRun is not null)
        {
            problem = result.StopReason ?? notRun?.NotRunReason ?? "no round ran";
            return null;
        }

        var detected = result.FirstRoundWithViolation;
        return new RaceMeasurement(
            seed,
            result.Rounds.Count,
            EndOf(result.Rounds[^1]),
            detected?.Number,
            detected is null ? null : EndOf(detected),
            result.Violations,
            result.Rounds.Sum(r => r.History.Operations.Count(o => o.Status is null)),
            Median(result.Rounds.Select(ReleaseSpread).ToList()));
    }

    /// <summary>When the round ended: its final read, else its last operation.</summary>
    private static TimeSpan EndOf(RaceRound round) =>
        round.History.Final?.End ?? round.History.Operations.Select(o => o.End).DefaultIfEmpty().Max();

    /// <summary>How far apart (client side) the first and the last racing write of a round were handed to
    /// their clients: a wide spread means the writes were not released together.</summary>
    private static TimeSpan ReleaseSpread(RaceRound round)
    {
        var starts = round.History.Writes.Select(w => w.Start).ToList();
        return starts.Count == 0 ? TimeSpan.Zero : starts.Max() - starts.Min();
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        values.Sort();
        return values.Count == 0 ? TimeSpan.Zero : values[(values.Count - 1) / 2];
    }
}
