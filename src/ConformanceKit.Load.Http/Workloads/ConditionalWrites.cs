using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.Races;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The writers' steps, <c>read</c> then <c>write</c>: GET a resource (a whole body, so it is digested), then PUT a new
/// document to it with If-Match: the ETag just read. With <c>counter</c> the document is the read one's counter plus
/// one (read-modify-write). A 2xx counts <c>written</c>; a 412 counts <c>conflict</c> and is not a failure: the next
/// iteration reads the same resource again and retries (a write after a 412 counts <c>retry</c>), at most
/// <c>maxRetries</c> times before the increment is given up (<c>gave-up</c>). Every operation goes into the resource's
/// <see cref="HistoryRecorder"/>; a write the live watch shows as a lost update counts <c>lost-updates</c> at once.
/// A read fails without a strong ETag (If-Match compares strongly, so no write could succeed) or, for increments,
/// without a counter; a write fails on any answer but 2xx and 412, or none.
/// <para>
/// <see cref="VerifyAsync"/> runs after the load: a final read of every resource, the history checker over its
/// history, the counter rule for increments, and the counters <c>lost-updates</c> (the checker's lost updates, plus
/// one when the counter shows acknowledged increments lost; added to what the live watch counted when more),
/// <c>history-violations</c> (every violation and a broken counter rule) and, for increments, <c>lost-increments</c>.
/// </para>
/// </summary>
internal sealed class ConditionalWrites(HttpWorkload workload, Func<WorkloadResources> resources, DocumentPool documents, bool counter)
{
    public const string ReadStep = HttpSteps.Read;

    public const string WriteStep = HttpSteps.Write;

    public const string Written = HttpCounters.Written;

    public const string Conflict = HttpCounters.Conflict;

    public const string Retry = HttpCounters.Retry;

    public const string GaveUp = HttpCounters.GaveUp;

    public const string LostUpdates = HttpCounters.LostUpdates;

    public const string HistoryViolations = HttpCounters.HistoryViolations;

    public const string LostIncrements = HttpCounters.LostIncrements;

    public IReadOnlyList<LoadStep> Steps() => [new(ReadStep, ReadAsync), new(WriteStep, WriteAsync)];

    public async ValueTask<IReadOnlyList<StepCounter>> VerifyAsync(ScenarioContext _, CancellationToken cancellationToken)
    {
        var client = workload.NewClient();
        long lost = 0, live = 0, violations = 0, lostIncrements = 0;
        foreach (var resource in resources().Items)
        {
            var recorder = resource.Recorder!;
            var (final, finalCounter, error) = await resource.ReadAsync(client, "final", 1, cancellationToken).ConfigureAwait(false);
            var history = recorder.ToHistory(workload.Options.Seed, $"{workload.Name} {resource.Path}", resource.Initial, final);
            var found = HistoryChecker.Check(history);
            RaceExpectation? rule = null;
            long lostHere = 0;
            if (counter && resource.InitialCounter is { } initialCounter)
            {
                rule = CounterRule.Judge(final, finalCounter, initialCounter, recorder.SuccessfulWrites, recorder.IndeterminateWrites);
                if (final.Outcome == OperationOutcome.Ok && finalCounter is { } end)
                {
                    lostHere = Math.Max(0, recorder.SuccessfulWrites - (end - initialCounter));
                }
            }

            var lostUpdates = found.Count(v => v.Kind == ViolationKind.LostUpdate) + (lostHere > 0 ? 1 : 0);
            var broken = found.Count + (rule?.Outcome == RuleOutcome.Broken ? 1 : 0);
            lost += lostUpdates;
            live += recorder.LiveLostUpdates;
            violations += broken;
            lostIncrements += lostHere;
            workload.AddVerification(new ResourceVerification(resource.Path, history.Operations.Count, recorder.Truncated, recorder.SuccessfulWrites,
                recorder.IndeterminateWrites, recorder.LiveLostUpdates, lostUpdates, found, rule,
                final.Outcome == OperationOutcome.Ok ? null : $"the final read answered {final.Status?.ToString(CultureInfo.InvariantCulture) ?? error}"));
        }

        List<StepCounter> counters = [new(WriteStep, LostUpdates, Math.Max(0, lost - live)), new(WriteStep, HistoryViolations, violations)];
        if (counter)
        {
            counters.Add(new(WriteStep, LostIncrements, lostIncrements));
        }

        return counters;
    }

    private async ValueTask<StepOutcome> ReadAsync(StepContext context, CancellationToken cancellationToken)
    {
        var items = resources().Items;
        var user = workload.UserState(context, client => new WriterUser(client, HttpWorkload.UserName(context), items.Count));
        var index = items.Count == 1 ? 0 : user.Attempt > 0 ? user.Index : context.Random.Next(items.Count);
        var resource = items[index];
        var log = user.Log(index, resource.Recorder!);
        var sequence = log.NextSequence();
        user.Ready = false;
        user.Index = index;
        var start = resource.Recorder!.Now;
        var response = await user.Client.GetAsync(resource.Url, null, keepBody: true, cancellationToken).ConfigureAwait(false);
        var end = resource.Recorder.Now;
        var whole = response.IsSuccess && !response.BodyTruncated;
        var tag = LoadResource.ParseTag(response.ETag);
        log.Add(Operation.Read(log.Name, sequence, new Interval(start, end), response.Status, tag, whole ? ContentDigest.OfUtf8(response.Body.Span) : null));
        long? value = null;
        var problem = response switch
        {
            { Status: null } => response.Error ?? "no response",
            { IsSuccess: false } => $"GET answered {response.Status}",
            _ when tag is null => "the response has no usable ETag, so there is no validator to write with",
            _ when tag.IsWeak => $"the response has the weak ETag {tag}; If-Match compares strongly, so no write could succeed",
            _ when counter && (value = CounterDocument.TryRead(response.Body.Span)) is null => "the body is not a JSON document with a counter, so increments cannot be counted",
            _ => null,
        };
        if (problem is not null)
        {
            return StepOutcome.Fail(response.Status, problem, response.BytesIn, response.BytesOut);
        }

        user.ETag = response.ETag!.Trim();
        user.Tag = tag;
        user.Counter = value;
        user.Ready = true;
        return StepOutcome.Ok(response.Status, response.BytesIn, response.BytesOut);
    }

    private async ValueTask<StepOutcome> WriteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var items = resources().Items;
        var user = workload.UserState(context, client => new WriterUser(client, HttpWorkload.UserName(context), items.Count));
        if (!user.Ready)
        {
            return StepOutcome.Fail("there is no read to write on");
        }

        user.Ready = false;
        var resource = items[user.Index];
        var log = user.Log(user.Index, resource.Recorder!);
        var writeNumber = ++user.Writes;
        var body = user.Body.Build(counter ? user.Counter + 1 : null, writeNumber, documents[writeNumber + context.UserIndex]);
        var sequence = log.NextSequence();
        var start = resource.Recorder!.Now;
        var response = await user.Client.PutAsync(resource.Url, user.ETag, body, cancellationToken).ConfigureAwait(false);
        var end = resource.Recorder.Now;
        var written = ContentDigest.OfUtf8(body);
        var lost = log.Add(Operation.Write(log.Name, sequence, new Interval(start, end), user.Tag, written, response.Status, LoadResource.ParseTag(response.ETag)));
        var retried = user.Attempt > 0;
        StepOutcome outcome;
        switch (response.Status)
        {
            case >= 200 and < 300:
                user.Attempt = 0;
                outcome = StepOutcome.Ok(response.Status, response.BytesIn, response.BytesOut).WithCounter(Written);
                break;
            case 412:
                outcome = StepOutcome.Ok(412, response.BytesIn, response.BytesOut).WithCounter(Conflict);
                if (++user.Attempt > workload.Options.MaxRetries)
                {
                    user.Attempt = 0;
                    outcome = outcome.WithCounter(GaveUp);
                }

                break;
            case null:
                outcome = StepOutcome.Fail(null, response.Error ?? "no response", 0, response.BytesOut);
                break;
            default:
                outcome = StepOutcome.Fail(response.Status, $"PUT with If-Match answered {response.Status}", response.BytesIn, response.BytesOut);
                break;
        }

        outcome = retried ? outcome.WithCounter(Retry) : outcome;
        return lost ? outcome.WithCounter(LostUpdates) : outcome;
    }

    private sealed class WriterUser(LoadHttpClient client, string name, int resources)
    {
        private readonly HistoryClient?[] logs = new HistoryClient?[resources];

        public LoadHttpClient Client { get; } = client;

        public string Name { get; } = name;

        public WriteBody Body { get; } = new(name);

        /// <summary>The resource read last, and what the read left to write on.</summary>
        public int Index { get; set; }

        public bool Ready { get; set; }

        public string? ETag { get; set; }

        public EntityTag? Tag { get; set; }

        public long? Counter { get; set; }

        /// <summary>Refusals in a row of the current write.</summary>
        public int Attempt { get; set; }

        public long Writes { get; set; }

        public HistoryClient Log(int index, HistoryRecorder recorder) => logs[index] ??= recorder.Client(Name);
    }
}
