using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// Runs a race scenario on the fresh resource made for it and turns what happened into a verdict. First a
/// probe read: a race needs a strong ETag to race on (If-Match compares strongly) and, for read-modify-write,
/// the counter document given back; without them the check does not apply (a legal choice, not a failure).
/// Then: any violation in a history or a broken race rule breaks the requirement; rules left undecided by
/// writes that got no definite answer make it an error; otherwise it passes. The evidence keeps the first
/// round's exchanges, or those of the operations that show the first violation.
/// </summary>
internal static class RaceCheck
{
    private const int MaxEvidenceExchanges = 40;

    public static async Task<CheckResult> RunAsync(TargetSession session, Scenario scenario, string resourcePath, NamedClient setup, List<Exchange> exchanges, int runSeed, CancellationToken cancellationToken)
    {
        var race = scenario.Race!;
        var probe = await setup.SendAsync(0, HttpMethod.Get, session.Resolve(resourcePath), [], null, null, cancellationToken).ConfigureAwait(false);
        exchanges.Add(probe);
        if (NotApplicable(probe, race) is { } reason)
        {
            return probe.Response is { Status: >= 200 and < 300 }
                ? CheckResult.Skipped(scenario.Check, $"not applicable: {reason}", exchanges)
                : CheckResult.Errored(scenario.Check, $"setup: {reason}", exchanges);
        }

        var timeout = session.Settings.RequestTimeout;
        var (evidence, operations) = race.Workload == RaceWorkload.ReadModifyWrite
            ? FromReadModifyWrite(await ReadModifyWriteRunner.RunAsync(
                session,
                resourcePath,
                new ReadModifyWriteOptions { Clients = race.Clients, Iterations = race.Iterations, Seed = runSeed, Scope = scenario.Id, RequestTimeout = timeout },
                cancellationToken).ConfigureAwait(false))
            : FromRace(await RaceRunner.RunAsync(
                session,
                resourcePath,
                new RaceOptions { Clients = race.Clients, Rounds = race.Rounds, Seed = runSeed, Scope = scenario.Id, RequestTimeout = timeout },
                cancellationToken).ConfigureAwait(false));
        exchanges.AddRange(operations.Select(o => o.Evidence).OfType<Exchange>().Take(MaxEvidenceExchanges));
        return Judge(scenario.Check, evidence, exchanges) with { Race = evidence };
    }

    /// <summary>Initial content for the fresh resource a race scenario needs.</summary>
    public static string InitialContent(RaceBlock race, DocumentFactory documents) =>
        race.Workload == RaceWorkload.ReadModifyWrite ? CounterDocument.Initial : documents.Get("initial");

    private static CheckResult Judge(CheckInfo check, RaceEvidence evidence, IReadOnlyList<Exchange> exchanges)
    {
        const string expected = "no violation in any history, and every race rule holding";
        if (evidence.Violations.Count > 0)
        {
            var first = evidence.Violations[0];
            var more = evidence.ViolationCount > 1 ? $" ({evidence.ViolationCount} violations in all)" : string.Empty;
            return CheckResult.Violated(check, $"{first.Kind.Id()} in {first.HistoryLabel} (seed {first.Seed}): {first.Explanation}{more}", expected, evidence.Summary, exchanges);
        }

        if (evidence.UnmetRules.FirstOrDefault(r => r.Outcome == RuleOutcome.Broken) is { } broken)
        {
            return CheckResult.Violated(check, $"{broken.Rule}: {broken.Detail} (seed {evidence.Seed})", expected, evidence.Summary, exchanges);
        }

        if (evidence.UnmetRules.FirstOrDefault(r => r.Outcome == RuleOutcome.Undecided) is { } undecided)
        {
            return CheckResult.Errored(check, $"could not be decided: {undecided.Rule}: {undecided.Detail}", exchanges);
        }

        if (evidence.Done == 0)
        {
            return CheckResult.Errored(check, $"nothing was raced: {evidence.StopReason ?? "no write succeeded"}", exchanges);
        }

        var stopped = evidence.StopReason is { } reason ? $" (stopped early: {reason})" : string.Empty;
        return CheckResult.Passed(check, exchanges, $"{evidence.Summary}{stopped}");
    }

    private static (RaceEvidence, IEnumerable<Operation>) FromRace(RaceResult result)
    {
        var shown = result.FirstRoundWithViolation is { } bad
            ? bad.Violations[0].Operations
            : result.Rounds.Count > 0 ? result.Rounds[0].History.Operations : [];
        return (RaceEvidence.Of(result), shown);
    }

    private static (RaceEvidence, IEnumerable<Operation>) FromReadModifyWrite(ReadModifyWriteResult result)
    {
        var shown = result.Violations.Count > 0
            ? result.Violations[0].Operations
            : result.History?.Operations ?? [];
        return (RaceEvidence.Of(result), shown);
    }

    private static string? NotApplicable(Exchange probe, RaceBlock race)
    {
        if (probe.Response is not { } response)
        {
            return $"reading the fresh resource failed: {probe.Error}";
        }

        if (response.Status is < 200 or >= 300)
        {
            return $"reading the fresh resource answered {response.Status} {response.Reason}";
        }

        var field = response.Field("ETag")?.Trim();
        if (field is null || !EntityTag.TryParse(field, out var tag))
        {
            return field is null ? "the resource has no ETag to race on" : $"the resource's ETag {field} is not one entity-tag";
        }

        if (tag.IsWeak)
        {
            return $"the resource's ETag {tag} is weak; If-Match compares strongly, so no write could win a race";
        }

        return race.Workload == RaceWorkload.ReadModifyWrite && CounterDocument.TryRead(response.Body) is null
            ? "the server does not give back the JSON counter document it stored, so increments cannot be counted"
            : null;
    }
}
