namespace ConformanceKit.Races;

/// <summary>
/// Looks for anomalies in a history, in the spirit of Elle's and Knossos's checkers: a pure function of the
/// recorded operations, no I/O. It reports lost updates, duplicate validators, broken validator chains and
/// an inconsistent final state (see each rule). An indeterminate operation (no answer, 5xx) is never a
/// violation by itself: it counts as applied only where the final state proves it, and otherwise only
/// widens what the rules accept.
/// </summary>
public static class HistoryChecker
{
    public static IReadOnlyList<Violation> Check(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var knowledge = ValidatorKnowledge.Of(history);
        var applied = AppliedWrites.Of(history);
        return LostUpdateRule.Find(history, knowledge, applied)
            .Concat(DuplicateValidatorRule.Find(history, knowledge))
            .Concat(BrokenChainRule.Find(history, knowledge, applied))
            .Concat(FinalStateRule.Find(history))
            .ToList();
    }
}
