using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// Races many clients on one validator, round after round on the same resource. Per round: every client
/// reads the resource with its own connection (opening it and capturing the current ETag); once all have,
/// they are released in the seeded order, each sending PUT with If-Match set to that ETag and a body of its
/// own; when all have answered, an observer reads the final state, which the next round races on.
/// </summary>
public static class RaceRunner
{
    public static async Task<RaceResult> RunAsync(TargetSession session, string resourcePath, RaceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(resourcePath);
        ArgumentNullException.ThrowIfNull(options);
        var clock = new MonotonicClock(session.Time);
        using var group = ClientGroup.Open(session, options.Clients, options.RequestTimeout, clock, session.Resolve(resourcePath));
        var initial = await group.Observer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (RaceValidator.From([initial], resourcePath).Problem is { } problem)
        {
            return RaceResult.Stopped(options, resourcePath, [], problem);
        }

        var state = ResourceState.Of(initial);
        var rounds = new List<RaceRound>();
        for (var number = 1; number <= options.Rounds; number++)
        {
            if (number > 1 && clock.Now >= options.Budget)
            {
                return RaceResult.Stopped(options, resourcePath, rounds, $"the time budget of {options.Budget} was used up after {rounds.Count} of {options.Rounds} rounds");
            }

            var round = await RunRoundAsync(group, resourcePath, number, state, options, cancellationToken).ConfigureAwait(false);
            rounds.Add(round);
            if (round.NotRunReason is { } reason)
            {
                return RaceResult.Stopped(options, resourcePath, rounds, $"round {number} could not start: {reason}");
            }

            if (options.StopAtFirstViolation && round.Violations.Count > 0)
            {
                return RaceResult.Stopped(options, resourcePath, rounds, $"stopped at the first violation, in round {number}");
            }

            state = ResourceState.Of(round.History.Final!);
        }

        return RaceResult.Finished(options, resourcePath, rounds);
    }

    private static async Task<RaceRound> RunRoundAsync(ClientGroup group, string resourcePath, int number, ResourceState initial, RaceOptions options, CancellationToken cancellationToken)
    {
        var plan = RacePlan.For(options.Seed, number, group.Names, options.Scope);
        var label = $"race round {number}";

        // Warm-up, and the barrier: nobody writes until every client has its connection and the validator.
        var warmUps = await Task.WhenAll(group.Clients.Select(c => c.ReadAsync(cancellationToken))).ConfigureAwait(false);
        var (validator, problem) = RaceValidator.From(warmUps, resourcePath);
        if (validator is null)
        {
            var observed = await group.Observer.ReadAsync(cancellationToken).ConfigureAwait(false);
            return RaceRound.NotRun(number, plan, problem!, History.Of(options.Seed, label, initial, warmUps, observed));
        }

        // Release in the seeded order: each call runs on this thread until its request is on the wire, so the
        // requests leave in plan order, microseconds apart, and all are in flight together.
        var writes = new Task<Operation>[plan.ReleaseOrder.Count];
        for (var i = 0; i < writes.Length; i++)
        {
            var client = plan.ReleaseOrder[i];
            writes[i] = group.ByName[client].WriteAsync(validator, plan.BodyFor(client), cancellationToken);
        }

        var written = await Task.WhenAll(writes).ConfigureAwait(false);
        var final = await group.Observer.ReadAsync(cancellationToken).ConfigureAwait(false);
        return RaceRound.Completed(number, plan, validator, History.Of(options.Seed, label, initial, warmUps.Concat(written), final));
    }
}
