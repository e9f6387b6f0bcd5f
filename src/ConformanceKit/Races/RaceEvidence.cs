using System.Globalization;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Races;

/// <summary>
/// What a race scenario's result carries for reports: the workload and its size, the seed that repeats it,
/// the write outcomes, how many rounds had how many winners, the violations the checker found (each with the
/// slice of history that shows it), the race rules that did not hold, and why the block stopped early, if
/// it did. Made by the factories from a race or read-modify-write result.
/// </summary>
public sealed record RaceEvidence
{
    /// <summary>At most this many violations and rules are kept; <see cref="ViolationCount"/> counts them all.</summary>
    public const int MaxKept = 5;

    public required RaceWorkload Workload { get; init; }

    public required int Clients { get; init; }

    public required int Seed { get; init; }

    /// <summary>If-Match races: rounds asked for; read-modify-write: increments asked of each client.</summary>
    public required int Planned { get; init; }

    /// <summary>If-Match races: rounds run; read-modify-write: successful increments.</summary>
    public required int Done { get; init; }

    public required StatusHistogram WriteStatuses { get; init; }

    /// <summary>If-Match races: number of rounds (value) that had a given number of 2xx writes (key).</summary>
    public IReadOnlyDictionary<int, int> RoundsByWinners { get; init; } = new SortedDictionary<int, int>();

    public IReadOnlyList<Violation> Violations { get; init; } = [];

    public int ViolationCount { get; init; }

    /// <summary>Rules that were broken or left undecided (the first rounds' only).</summary>
    public IReadOnlyList<RaceExpectation> UnmetRules { get; init; } = [];

    public string? StopReason { get; init; }

    /// <summary>One sentence of figures, e.g. <c>20 rounds of 16 clients: 1 winner in each; writes 204×20 412×300</c>.</summary>
    public required string Summary { get; init; }

    public bool HasBrokenRule => UnmetRules.Any(r => r.Outcome == RuleOutcome.Broken);

    public bool HasUndecidedRule => UnmetRules.Any(r => r.Outcome == RuleOutcome.Undecided);

    public static RaceEvidence Of(RaceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ran = result.Rounds.Where(r => r.Ran).ToList();
        var byWinners = new SortedDictionary<int, int>();
        foreach (var round in ran)
        {
            byWinners[round.Winners.Count] = byWinners.GetValueOrDefault(round.Winners.Count) + 1;
        }

        var statuses = StatusHistogram.Of(ran.SelectMany(r => r.History.Writes));
        var winners = string.Join(", ", byWinners.Select(p => Invariant($"{p.Key} winner(s) in {p.Value}")));
        return new RaceEvidence
        {
            Workload = RaceWorkload.IfMatch,
            Clients = result.Options.Clients,
            Seed = result.Options.Seed,
            Planned = result.Options.Rounds,
            Done = ran.Count,
            WriteStatuses = statuses,
            RoundsByWinners = byWinners,
            Violations = result.Violations.Take(MaxKept).ToList(),
            ViolationCount = result.Violations.Count,
            UnmetRules = ran.SelectMany(r => r.Expectations.Where(e => !e.IsMet)).Take(MaxKept).ToList(),
            StopReason = result.StopReason,
            Summary = Invariant($"{ran.Count} of {result.Options.Rounds} round(s) of {result.Options.Clients} clients racing with one If-Match: {(winners.Length == 0 ? "no round ran" : winners)}; writes {statuses}"),
        };
    }

    public static RaceEvidence Of(ReadModifyWriteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = result.Options;
        var counter = result.Counter is { } rule ? $"; {rule.Detail}" : string.Empty;
        return new RaceEvidence
        {
            Workload = RaceWorkload.ReadModifyWrite,
            Clients = options.Clients,
            Seed = options.Seed,
            Planned = options.Iterations,
            Done = result.SuccessfulWrites,
            WriteStatuses = result.WriteStatuses,
            Violations = result.Violations.Take(MaxKept).ToList(),
            ViolationCount = result.Violations.Count,
            UnmetRules = result.Counter is { IsMet: false } unmet ? [unmet] : [],
            StopReason = result.StopReason,
            Summary = Invariant($"{options.Clients} clients x {options.Iterations} increments by read-modify-write with If-Match: {result.SuccessfulWrites} successful writes, {result.Conflicts} refused with 412 ({result.RetriesPerSuccess:0.00} retries per success); writes {result.WriteStatuses}{counter}"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
