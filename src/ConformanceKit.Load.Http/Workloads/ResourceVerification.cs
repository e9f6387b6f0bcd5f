using ConformanceKit.Races;

namespace ConformanceKit.Load.Http;

/// <summary>
/// What the verify hook found on one resource the writers loaded: the operations its history kept (and whether the
/// history budget cut it short), the 2xx and indeterminate writes (always counted in full), the lost updates the live
/// watch saw and the final count (<see cref="LostUpdates"/>: the checker's lost-update violations, plus one when the
/// counter shows acknowledged increments lost), every violation of the history checker, the counter rule for
/// increments, and why the final read decided nothing, if it did not.
/// </summary>
public sealed record ResourceVerification(
    string Resource,
    int Operations,
    bool Truncated,
    long SuccessfulWrites,
    long IndeterminateWrites,
    long LiveLostUpdates,
    long LostUpdates,
    IReadOnlyList<Violation> Violations,
    RaceExpectation? Counter,
    string? FinalReadError)
{
    /// <summary>No violation, no broken counter rule.</summary>
    public bool IsClean => Violations.Count == 0 && Counter?.Outcome != RuleOutcome.Broken;
}
