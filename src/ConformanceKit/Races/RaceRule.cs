namespace ConformanceKit.Races;

/// <summary>What a race block expects of a correct server.</summary>
public enum RaceRule
{
    /// <summary>Exactly one of the racing writes succeeds (2xx).</summary>
    OneWinner,

    /// <summary>Every other racing write is refused with 412.</summary>
    OthersRefused,

    /// <summary>The final content is the winner's body.</summary>
    FinalContentIsWinners,

    /// <summary>The final ETag is the one the winner got back.</summary>
    FinalValidatorIsWinners,

    /// <summary>Read-modify-write: the counter grew by exactly the number of successful writes.</summary>
    CounterCountsWrites,
}

/// <summary>Whether a rule held. <see cref="Undecided"/>: indeterminate operations (no answer, 5xx) leave both
/// possible; <see cref="NotApplicable"/>: what the rule compares with is absent.</summary>
public enum RuleOutcome
{
    Holds,
    Broken,
    Undecided,
    NotApplicable,
}
