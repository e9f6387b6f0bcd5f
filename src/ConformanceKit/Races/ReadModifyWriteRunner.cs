using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// The read-modify-write workload on one counter document. Every client reads first (its own connection, and
/// the barrier: nobody writes until all have read); then each makes its increments: PUT the counter plus one
/// with If-Match set to the ETag it read, and on 412 read again and retry. An observer reads the final state.
/// The history checker runs over every operation, and the counter must have grown by exactly the number of
/// 2xx writes (or by up to that plus the writes that got no definite answer, which may have applied).
/// A correct server lets one of the writes made on each version through, so between two successes there
/// are at most about two refusals per client; when many more writes in a row are refused everywhere, the
/// server is refusing current entity-tags and the workload stops rather than retry for nothing.
/// </summary>
public static class ReadModifyWriteRunner
{
    public const string HistoryLabel = "read-modify-write";

    public static async Task<ReadModifyWriteResult> RunAsync(TargetSession session, string resourcePath, ReadModifyWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(resourcePath);
        ArgumentNullException.ThrowIfNull(options);
        var clock = new MonotonicClock(session.Time);
        using var group = ClientGroup.Open(session, options.Clients, options.RequestTimeout, clock, session.Resolve(resourcePath));
        var initial = await group.Observer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (Unusable(initial, resourcePath) is { } problem)
        {
            return new ReadModifyWriteResult { Options = options, ResourcePath = resourcePath, StopReason = problem };
        }

        var documents = new DocumentFactory(options.Seed, options.Scope);
        var firstReads = await Task.WhenAll(group.Clients.Select(c => c.ReadAsync(cancellationToken))).ConfigureAwait(false);
        var progress = new Progress(StallLimit(options.Clients));
        var runs = await Task.WhenAll(group.Clients.Select((c, i) => IncrementAsync(c, firstReads[i], options, documents, clock, progress, resourcePath, cancellationToken))).ConfigureAwait(false);
        var final = await group.Observer.ReadAsync(cancellationToken).ConfigureAwait(false);

        var history = History.Of(options.Seed, HistoryLabel, ResourceState.Of(initial), runs.SelectMany(r => r.Operations), final);
        var notes = runs.SelectMany(r => r.Notes).ToList();
        return new ReadModifyWriteResult
        {
            Options = options,
            ResourcePath = resourcePath,
            History = history,
            Violations = HistoryChecker.Check(history),
            Counter = CounterRule(history, CounterDocument.TryRead(initial.Evidence?.Response?.Body)!.Value),
            StopReason = notes.Count == 0 ? null : string.Join("; ", notes.Distinct(StringComparer.Ordinal).Take(5)),
        };
    }

    /// <summary>Refusals in a row, across all clients, after which the workload stops.</summary>
    public static int StallLimit(int clients) => (clients * 5) + 10;

    private static async Task<ClientRun> IncrementAsync(RecordingClient client, Operation firstRead, ReadModifyWriteOptions options, DocumentFactory documents, MonotonicClock clock, Progress progress, string resourcePath, CancellationToken cancellationToken)
    {
        var run = new ClientRun();
        var read = firstRead;
        run.Operations.Add(read);
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0 || iteration > 1)
                {
                    if (clock.Now >= options.Budget)
                    {
                        run.Notes.Add($"the time budget of {options.Budget} was used up before every increment was made");
                        return run;
                    }

                    read = await client.ReadAsync(cancellationToken).ConfigureAwait(false);
                    run.Operations.Add(read);
                }

                if (Unusable(read, resourcePath) is { } problem)
                {
                    run.Notes.Add(problem);
                    return run;
                }

                var counter = CounterDocument.TryRead(read.Evidence!.Response!.Body)!.Value;
                var body = CounterDocument.Next(counter + 1, client.Name, iteration, attempt, documents);
                var write = await client.WriteAsync(read.ValidatorReturned, body, cancellationToken).ConfigureAwait(false);
                run.Operations.Add(write);
                if (write.Outcome == OperationOutcome.Ok)
                {
                    progress.Succeeded();
                    break;
                }

                if (progress.Refused())
                {
                    run.Notes.Add($"{progress.Limit.ToString(CultureInfo.InvariantCulture)} writes in a row were refused with no write succeeding, so the workload stopped (a correct server lets one write on each version through)");
                    return run;
                }

                if (write.Outcome == OperationOutcome.Rejected || (write.Outcome == OperationOutcome.Refused && write.Status != 412))
                {
                    run.Notes.Add($"{write.Name}'s PUT {resourcePath} answered {write.Status}; the workload needs conditional writes to be accepted or refused with 412");
                    return run;
                }

                if (attempt >= options.MaxRetries)
                {
                    run.Notes.Add($"{client.Name} gave up increment {iteration.ToString(CultureInfo.InvariantCulture)} after {options.MaxRetries.ToString(CultureInfo.InvariantCulture)} retries");
                    break;
                }
            }
        }

        return run;
    }

    /// <summary>Why a read cannot be the start of an increment, or null: it must be a 2xx with one strong
    /// entity-tag (If-Match compares strongly) and a body holding the counter.</summary>
    private static string? Unusable(Operation read, string resourcePath) => read switch
    {
        { Status: null } => $"{read.Name}'s GET {resourcePath} failed: {read.Error}",
        { Outcome: not OperationOutcome.Ok } => $"{read.Name}'s GET {resourcePath} answered {read.Status}",
        { ValidatorReturned: null } => $"{read.Name}'s GET {resourcePath} answered no usable ETag, so there is no validator to write with",
        { ValidatorReturned.IsWeak: true } => $"{read.Name}'s GET {resourcePath} answered the weak ETag {read.ValidatorReturned}; If-Match compares strongly, so no write could succeed",
        _ when CounterDocument.TryRead(read.Evidence?.Response?.Body) is null => $"{read.Name}'s GET {resourcePath} did not give back a JSON document with a counter, so increments cannot be counted",
        _ => null,
    };

    private static RaceExpectation CounterRule(History history, long initialCounter) =>
        Races.CounterRule.Judge(
            history.Final,
            CounterDocument.TryRead(history.Final?.Evidence?.Response?.Body),
            initialCounter,
            history.Writes.Count(w => w.Outcome == OperationOutcome.Ok),
            history.Writes.Count(w => w.Outcome == OperationOutcome.Indeterminate));

    /// <summary>Refusals since the last success, shared by all clients; <see cref="Refused"/> says when the
    /// limit has been reached (then every later call says so too, so all clients stop).</summary>
    private sealed class Progress(int limit)
    {
        private int refusedInARow;

        public int Limit => limit;

        public void Succeeded() => Interlocked.Exchange(ref refusedInARow, 0);

        public bool Refused() => Interlocked.Increment(ref refusedInARow) >= limit;
    }

    private sealed class ClientRun
    {
        public List<Operation> Operations { get; } = [];

        public List<string> Notes { get; } = [];
    }
}
