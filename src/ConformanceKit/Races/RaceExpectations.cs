namespace ConformanceKit.Races;

/// <summary>
/// The rules of one race round over its history: exactly one write wins, every other one gets 412, and the
/// final read shows the winner's body and the ETag the winner got back. Indeterminate writes (no answer, 5xx)
/// leave a rule undecided rather than broken when they could account for what is missing.
/// </summary>
internal static class RaceExpectations
{
    public static IReadOnlyList<RaceExpectation> Evaluate(History history)
    {
        var writes = history.Writes.ToList();
        var winners = writes.Where(w => w.Outcome == OperationOutcome.Ok).ToList();
        var winner = winners.Count == 1 ? winners[0] : null;
        return
        [
            OneWinner(writes, winners),
            OthersRefused(writes, winners),
            FinalContent(history.Final, winner),
            FinalValidator(history.Final, winner),
        ];
    }

    private static RaceExpectation OneWinner(List<Operation> writes, List<Operation> winners)
    {
        const RaceRule rule = RaceRule.OneWinner;
        var unknown = writes.Count(w => w.Outcome == OperationOutcome.Indeterminate);
        return winners.Count switch
        {
            1 => RaceExpectation.Holds(rule, $"{winners[0].Name} won with {winners[0].Status}"),
            > 1 => RaceExpectation.Broken(rule, $"{winners.Count} writes succeeded: {Validators.Names(winners)}"),
            _ when unknown > 0 => RaceExpectation.Undecided(rule, $"no write succeeded, and {unknown} got no definite answer"),
            _ => RaceExpectation.Broken(rule, $"no write succeeded ({StatusHistogram.Of(writes)})"),
        };
    }

    private static RaceExpectation OthersRefused(List<Operation> writes, List<Operation> winners)
    {
        const RaceRule rule = RaceRule.OthersRefused;
        if (winners.Count > 1)
        {
            return RaceExpectation.Broken(rule, $"{winners.Count - 1} write(s) that should have been refused with 412 succeeded");
        }

        var others = writes.Except(winners).ToList();
        var wrong = others.Where(o => o.Outcome != OperationOutcome.Indeterminate && o.Status != 412).ToList();
        if (wrong.Count > 0)
        {
            return RaceExpectation.Broken(rule, $"{Validators.Names(wrong)} answered {StatusHistogram.Of(wrong)} instead of 412");
        }

        var unknown = others.Count(o => o.Outcome == OperationOutcome.Indeterminate);
        return unknown > 0
            ? RaceExpectation.Undecided(rule, $"{others.Count - unknown} answered 412 and {unknown} got no definite answer")
            : RaceExpectation.Holds(rule, $"all {others.Count} others answered 412");
    }

    private static RaceExpectation FinalContent(Operation? final, Operation? winner)
    {
        const RaceRule rule = RaceRule.FinalContentIsWinners;
        if (winner is null)
        {
            return RaceExpectation.NotApplicable(rule, "there is no single winner to compare with");
        }

        if (FinalProblem(rule, final) is { } problem)
        {
            return problem;
        }

        return final!.Digest is not { } content
            ? RaceExpectation.Undecided(rule, "the final read's body was cut off")
            : content == winner.Digest
                ? RaceExpectation.Holds(rule, $"the final content is {winner.Name}'s ({content})")
                : RaceExpectation.Broken(rule, $"the final content {content} is not {winner.Name}'s {winner.Digest}");
    }

    private static RaceExpectation FinalValidator(Operation? final, Operation? winner)
    {
        const RaceRule rule = RaceRule.FinalValidatorIsWinners;
        if (winner?.ValidatorReturned is not { } expected)
        {
            return RaceExpectation.NotApplicable(rule, winner is null ? "there is no single winner to compare with" : $"{winner.Name}'s answer had no ETag");
        }

        if (FinalProblem(rule, final) is { } problem)
        {
            return problem;
        }

        return final!.ValidatorReturned is not { } actual
            ? RaceExpectation.Broken(rule, $"the final read answered no ETag; {winner.Name} got {expected}")
            : Validators.Same(actual, expected)
                ? RaceExpectation.Holds(rule, $"the final ETag is {actual}, as {winner.Name} got back")
                : RaceExpectation.Broken(rule, $"the final ETag is {actual}, but {winner.Name} got {expected}");
    }

    private static RaceExpectation? FinalProblem(RaceRule rule, Operation? final) => final switch
    {
        null or { Outcome: OperationOutcome.Indeterminate } => RaceExpectation.Undecided(rule, $"the final read got no definite answer ({final?.Error ?? final?.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture)})"),
        { Outcome: not OperationOutcome.Ok } => RaceExpectation.Broken(rule, $"the final read answered {final.Status}"),
        _ => null,
    };
}
