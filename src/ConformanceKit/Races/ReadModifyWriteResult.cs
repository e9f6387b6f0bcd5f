namespace ConformanceKit.Races;

/// <summary>
/// What the read-modify-write workload did: the whole history (reads, writes and the final read), the
/// checker's violations, the counter rule, and the figures a report shows. <see cref="StopReason"/> says why
/// it could not run or did not finish (no usable validator, the budget, a client that gave up), or is null.
/// </summary>
public sealed record ReadModifyWriteResult
{
    public required ReadModifyWriteOptions Options { get; init; }

    public required string ResourcePath { get; init; }

    /// <summary>Null when the workload could not start (see <see cref="StopReason"/>).</summary>
    public History? History { get; init; }

    public IReadOnlyList<Violation> Violations { get; init; } = [];

    /// <summary>The counter rule; null when the workload could not start.</summary>
    public RaceExpectation? Counter { get; init; }

    public string? StopReason { get; init; }

    /// <summary>Writes answered 2xx.</summary>
    public int SuccessfulWrites => History?.Writes.Count(w => w.Outcome == OperationOutcome.Ok) ?? 0;

    /// <summary>Writes answered 412: each one a retry the client had to make.</summary>
    public int Conflicts => History?.Writes.Count(w => w.Status == 412) ?? 0;

    public StatusHistogram WriteStatuses => StatusHistogram.Of(History?.Writes ?? []);

    /// <summary>Refused attempts per successful write (0 when none succeeded).</summary>
    public double RetriesPerSuccess => SuccessfulWrites == 0 ? 0 : (double)Conflicts / SuccessfulWrites;

    public bool IsClean => StopReason is null && Violations.Count == 0 && Counter is { IsMet: true };
}
