using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// One round of a race block: the plan (release order and bodies), the validator raced on, the history
/// (warm-up reads, racing writes, final read), the status histogram of the writes, the winners, the
/// checker's violations and the race rules. A round that could not start carries
/// <see cref="NotRunReason"/> and the reads it made. Made by the factories.
/// </summary>
public sealed record RaceRound
{
    private RaceRound(int number, RacePlan plan, History history)
    {
        Number = number;
        Plan = plan;
        History = history;
        Statuses = StatusHistogram.Of(history.Writes);
        Winners = history.Writes.Where(w => w.Outcome == OperationOutcome.Ok).ToList();
    }

    public int Number { get; }

    public RacePlan Plan { get; }

    public EntityTag? Validator { get; private init; }

    public History History { get; }

    public StatusHistogram Statuses { get; }

    public IReadOnlyList<Operation> Winners { get; }

    public IReadOnlyList<Violation> Violations { get; private init; } = [];

    public IReadOnlyList<RaceExpectation> Expectations { get; private init; } = [];

    public string? NotRunReason { get; private init; }

    public bool Ran => NotRunReason is null;

    /// <summary>Ran, with no violation and every rule met.</summary>
    public bool IsClean => Ran && Violations.Count == 0 && Expectations.All(e => e.IsMet);

    /// <summary>A round whose writes raced on <paramref name="validator"/>: checks the history and evaluates the rules.</summary>
    public static RaceRound Completed(int number, RacePlan plan, EntityTag validator, History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new(number, plan, history)
        {
            Validator = validator,
            Violations = HistoryChecker.Check(history),
            Expectations = RaceExpectations.Evaluate(history),
        };
    }

    public static RaceRound NotRun(int number, RacePlan plan, string reason, History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new(number, plan, history) { NotRunReason = reason };
    }

    public override string ToString() => Ran
        ? $"round {Number}: {Statuses}, {Violations.Count} violation(s)"
        : $"round {Number}: not run ({NotRunReason})";
}
