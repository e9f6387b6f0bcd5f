using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// <c>contended-writers</c>: one scenario, <c>writers</c>, whose users all increment ONE counter document made for the
/// run (<c>{"counter":0}</c>, deleted after): step <c>read</c> (GET), step <c>write</c> (PUT the counter plus one with
/// If-Match), retried after 412 (see <see cref="ConditionalWrites"/>). Every operation is recorded; after the load the
/// history checker and the counter rule judge them. Metrics: the 412 rate, retries per successful write, lost
/// updates. Default thresholds: <c>lost_updates == 0</c>, <c>history_violations == 0</c>, <c>error_rate &lt; 1%</c>.
/// </summary>
public sealed class ContendedWritersWorkload : HttpWorkload
{
    public const string ScenarioName = "writers";

    public static IReadOnlyList<string> Defaults { get; } = ["lost_updates == 0", "history_violations == 0", "error_rate < 1%"];

    private WorkloadResources? resources;

    internal ContendedWritersWorkload(TargetSession session, WorkloadOptions options)
        : base(Workloads.ContendedWriters, session, options) => RequireWrites(session.Target, Name);

    internal static void RequireWrites(TargetDefinition target, string workload)
    {
        if (!RevalidatingReadersWorkload.CanCreate(target))
        {
            throw new WorkloadException($"target '{target.Name}' cannot take {workload}: it takes no writes (capabilities.writes: false) or names no resource.path (or resource.collection for POST); revalidating-readers needs none");
        }
    }

    private protected override IReadOnlyList<ScenarioPlan> Plan()
    {
        var writes = new ConditionalWrites(this, () => resources!, new DocumentPool(Options.Seed, Name), counter: true);
        return
        [
            new(ScenarioName, writes.Steps(), Options.LoadPhases(), Defaults)
            {
                Init = InitAsync,
                Verify = writes.VerifyAsync,
                Cleanup = CleanupAsync,
            },
        ];
    }

    private async ValueTask InitAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        resources = await WorkloadResources.CreateAsync(Session, $"load-{Name}-{RunId}", 1, _ => CounterDocument.Initial, NewClient(),
            new HistoryBudget(Options.MaxHistoryOperations), cancellationToken).ConfigureAwait(false);
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
