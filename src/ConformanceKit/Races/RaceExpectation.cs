namespace ConformanceKit.Races;

/// <summary>One rule evaluated on a round, with a sentence saying what was seen. Made by the factories.</summary>
public sealed record RaceExpectation
{
    private RaceExpectation(RaceRule rule, RuleOutcome outcome, string detail)
    {
        Rule = rule;
        Outcome = outcome;
        Detail = detail;
    }

    public RaceRule Rule { get; }

    public RuleOutcome Outcome { get; }

    public string Detail { get; }

    /// <summary>Neither broken nor left undecided.</summary>
    public bool IsMet => Outcome is RuleOutcome.Holds or RuleOutcome.NotApplicable;

    public static RaceExpectation Holds(RaceRule rule, string detail) => new(rule, RuleOutcome.Holds, detail);

    public static RaceExpectation Broken(RaceRule rule, string detail) => new(rule, RuleOutcome.Broken, detail);

    public static RaceExpectation Undecided(RaceRule rule, string detail) => new(rule, RuleOutcome.Undecided, detail);

    public static RaceExpectation NotApplicable(RaceRule rule, string detail) => new(rule, RuleOutcome.NotApplicable, detail);

    public override string ToString() => $"{Rule}: {Outcome} ({Detail})";
}
