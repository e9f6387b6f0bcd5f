using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// <c>revalidating-readers</c>: one scenario, <c>readers</c>, of one step, <c>revalidate</c> (see <see cref="Revalidation"/>):
/// every user GETs one resource once, then again and again with If-None-Match. The resource is a generated document
/// made for the run when the target accepts writes (deleted after), else the target's <c>resource.existing</c> (and
/// always with <see cref="WorkloadOptions.UseExisting"/>). Metrics: the 304 ratio and the bytes saved.
/// Default thresholds: <c>error_rate &lt; 1%</c>, <c>step:revalidate not_modified_ratio &gt;= 90%</c>.
/// </summary>
public sealed class RevalidatingReadersWorkload : HttpWorkload
{
    public const string ScenarioName = "readers";

    public static IReadOnlyList<string> Defaults { get; } = ["error_rate < 1%", "step:revalidate not_modified_ratio >= 90%"];

    private readonly bool create;
    private WorkloadResources? resources;

    internal RevalidatingReadersWorkload(TargetSession session, WorkloadOptions options)
        : base(Workloads.RevalidatingReaders, session, options)
    {
        create = !options.UseExisting && CanCreate(session.Target);
        if (!create && session.Target.Resource.Existing is null)
        {
            throw new WorkloadException(options.UseExisting
                ? $"target '{session.Target.Name}' has no resource.existing to read"
                : $"target '{session.Target.Name}' has no resource to read: it takes no writes (or has no resource.path) and names no resource.existing");
        }
    }

    /// <summary>Whether the workloads can create resources on the target: it takes writes and its recipe says where.</summary>
    public static bool CanCreate(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var recipe = target.Resource;
        return target.Capabilities.Writes && (recipe.Create == CreateMethod.Put ? recipe.PathTemplate is not null : recipe.Collection is not null);
    }

    private protected override IReadOnlyList<ScenarioPlan> Plan() =>
    [
        new(ScenarioName, [new Revalidation(this, () => resources!).Step()], Options.LoadPhases(), Defaults)
        {
            Init = InitAsync,
            Cleanup = CleanupAsync,
        },
    ];

    private async ValueTask InitAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var documents = new DocumentPool(Options.Seed, Name);
        resources = create
            ? await WorkloadResources.CreateAsync(Session, $"load-{Name}-{RunId}", 1, documents.Text, NewClient(), new HistoryBudget(1), cancellationToken).ConfigureAwait(false)
            : WorkloadResources.Existing(Session);
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
