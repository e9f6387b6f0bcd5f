using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// <c>mixed</c>: two scenarios at once over <see cref="WorkloadOptions.Resources"/> generated documents (Bogus, from
/// the seed; made for the run, deleted after). <c>readers</c> revalidate a random document each iteration (step
/// <c>revalidate</c>); <c>writers</c> read a random document and write a new one with If-Match (steps <c>read</c> and
/// <c>write</c>, retried after 412), every document's history checked after the load. Writers get
/// <see cref="WorkloadOptions.WriterShare"/> of the users (at least one, and at least one reader) or of the rate.
/// Default thresholds: readers <c>error_rate &lt; 1%</c>; writers <c>lost_updates == 0</c>,
/// <c>history_violations == 0</c>, <c>error_rate &lt; 1%</c>.
/// </summary>
public sealed class MixedWorkload : HttpWorkload
{
    public const string ReadersName = "readers";

    public const string WritersName = "writers";

    public static IReadOnlyList<string> ReaderDefaults { get; } = ["error_rate < 1%"];

    private readonly Lock gate = new();
    private Task<WorkloadResources>? creating;
    private WorkloadResources? resources;

    internal MixedWorkload(TargetSession session, WorkloadOptions options)
        : base(Workloads.Mixed, session, options) => ContendedWritersWorkload.RequireWrites(session.Target, Name);

    private protected override IReadOnlyList<ScenarioPlan> Plan()
    {
        var documents = new DocumentPool(Options.Seed, Name);
        var writes = new ConditionalWrites(this, () => resources!, documents, counter: false);
        var (readerPhases, writerPhases) = Options.Phases is { } planned ? (planned, Options.WriterPhases!) : SplitPhases();
        return
        [
            new(ReadersName, [new Revalidation(this, () => resources!).Step()], readerPhases, ReaderDefaults)
            {
                Init = (context, token) => InitAsync(context, documents, token),
            },
            new(WritersName, writes.Steps(), writerPhases, ContendedWritersWorkload.Defaults)
            {
                Init = (context, token) => InitAsync(context, documents, token),
                Verify = writes.VerifyAsync,
                Cleanup = CleanupAsync,
            },
        ];
    }

    private (IReadOnlyList<LoadPhase> Readers, IReadOnlyList<LoadPhase> Writers) SplitPhases()
    {
        var share = Options.WriterShare;
        if (Options.Rate is { } rate)
        {
            var inFlight = Options.MaxInFlight;
            var writerSlots = Math.Clamp((int)Math.Round(inFlight * share), 1, Math.Max(1, inFlight - 1));
            return ([LoadPhase.ConstantRate(rate * (1 - share), Options.Duration) with { MaxInFlight = Math.Max(1, inFlight - writerSlots) }],
                [LoadPhase.ConstantRate(rate * share, Options.Duration) with { MaxInFlight = writerSlots }]);
        }

        var users = Options.Users!.Value;
        var writers = Math.Clamp((int)Math.Round(users * share), 1, users - 1);
        return ([LoadPhase.ConstantUsers(users - writers, Options.Duration)], [LoadPhase.ConstantUsers(writers, Options.Duration)]);
    }

    /// <summary>Both scenarios' init: the first to come creates the documents, the other waits for them.</summary>
    private async ValueTask InitAsync(ScenarioContext context, DocumentPool documents, CancellationToken cancellationToken)
    {
        Task<WorkloadResources> task;
        lock (gate)
        {
            task = creating ??= WorkloadResources.CreateAsync(Session, $"load-{Name}-{RunId}", Options.Resources, i => documents.Text(i), NewClient(),
                new HistoryBudget(Options.MaxHistoryOperations), cancellationToken);
        }

        resources = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        context.Shared["resources"] = resources.Items.Select(r => r.Path).ToList();
    }

    private async ValueTask CleanupAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (resources is not null)
        {
            await resources.DeleteAsync(NewClient(), cancellationToken).ConfigureAwait(false);
        }
    }
}
