namespace ConformanceKit.Races;

/// <summary>
/// A race block's rounds, in order. <see cref="StopReason"/> says why fewer rounds than asked for ran (the
/// resource had no usable validator, the budget ran out, the first violation was found), or is null.
/// </summary>
public sealed record RaceResult
{
    private RaceResult(RaceOptions options, string resourcePath, IReadOnlyList<RaceRound> rounds, string? stopReason)
    {
        Options = options;
        ResourcePath = resourcePath;
        Rounds = rounds;
        StopReason = stopReason;
    }

    public RaceOptions Options { get; }

    public string ResourcePath { get; }

    public IReadOnlyList<RaceRound> Rounds { get; }

    public string? StopReason { get; }

    public IReadOnlyList<Violation> Violations => Rounds.SelectMany(r => r.Violations).ToList();

    public RaceRound? FirstRoundWithViolation => Rounds.FirstOrDefault(r => r.Violations.Count > 0);

    /// <summary>Every round asked for ran clean.</summary>
    public bool IsClean => StopReason is null && Rounds.All(r => r.IsClean);

    public static RaceResult Finished(RaceOptions options, string resourcePath, IReadOnlyList<RaceRound> rounds) =>
        new(options, resourcePath, rounds, null);

    public static RaceResult Stopped(RaceOptions options, string resourcePath, IReadOnlyList<RaceRound> rounds, string reason) =>
        new(options, resourcePath, rounds, reason);
}
