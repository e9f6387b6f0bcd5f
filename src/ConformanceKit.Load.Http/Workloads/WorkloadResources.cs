using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The resources a workload loads: made fresh in its init following the target's recipe (PUT with If-None-Match: *
/// to <c>resource.path</c>, or POST to <c>resource.collection</c>; see <see cref="FreshResource"/>) and deleted in its
/// cleanup, or the target's <c>resource.existing</c>, left alone. If one cannot be made, those already made are
/// deleted and the init fails with the reason.
/// </summary>
internal sealed class WorkloadResources
{
    private WorkloadResources(IReadOnlyList<LoadResource> items, bool created)
    {
        Items = items;
        Created = created;
    }

    public IReadOnlyList<LoadResource> Items { get; }

    /// <summary>Whether the workload made them (and so deletes them).</summary>
    public bool Created { get; }

    public static WorkloadResources Existing(TargetSession session)
    {
        var path = session.Target.Resource.Existing
            ?? throw new WorkloadException($"target '{session.Target.Name}' has no resource.existing to read");
        return new([new LoadResource(path, session.Resolve(path))], created: false);
    }

    public static async Task<WorkloadResources> CreateAsync(TargetSession session, string idPrefix, int count, Func<int, string> content,
        LoadHttpClient client, HistoryBudget budget, CancellationToken cancellationToken)
    {
        var items = new List<LoadResource>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var id = count == 1 ? idPrefix : $"{idPrefix}-{i.ToString("D3", CultureInfo.InvariantCulture)}";
                var fresh = await FreshResource.CreateAsync(session, id, content(i), cancellationToken).ConfigureAwait(false);
                if (fresh.Path is null)
                {
                    throw new InvalidOperationException($"could not create a resource for the load: {fresh.Error}");
                }

                var resource = new LoadResource(fresh.Path, session.Resolve(fresh.Path)) { Recorder = new HistoryRecorder(session.Time, budget) };
                items.Add(resource);
                var initial = await resource.ReadAsync(client, "initial", 1, cancellationToken).ConfigureAwait(false);
                if (initial.Operation.Outcome != OperationOutcome.Ok)
                {
                    throw new InvalidOperationException($"GET {fresh.Path} answered {initial.Operation.Status?.ToString(CultureInfo.InvariantCulture) ?? initial.Error} right after it was created");
                }

                resource.Initial = ResourceState.Of(initial.Operation);
                resource.InitialCounter = initial.Counter;
            }
        }
        catch
        {
            await DeleteQuietlyAsync(items, client).ConfigureAwait(false);
            throw;
        }

        return new(items, created: true);
    }

    /// <summary>Deletes what the workload made; throws naming the ones that could not be deleted.</summary>
    public async Task DeleteAsync(LoadHttpClient client, CancellationToken cancellationToken)
    {
        if (!Created)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var item in Items)
        {
            var response = await client.DeleteAsync(item.Url, cancellationToken).ConfigureAwait(false);
            if (response.Status is not ((>= 200 and < 300) or 404 or 410))
            {
                problems.Add($"DELETE {item.Path}: {response.Status?.ToString(CultureInfo.InvariantCulture) ?? response.Error}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{problems.Count} resource(s) could not be deleted: {string.Join("; ", problems.Take(5))}");
        }
    }

    private static async Task DeleteQuietlyAsync(List<LoadResource> items, LoadHttpClient client)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var item in items)
        {
            try
            {
                await client.DeleteAsync(item.Url, bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>One resource under load: its path and URL, its state before the load (when made by the workload), and
/// the recorder of its writers' operations.</summary>
internal sealed class LoadResource(string path, Uri url)
{
    public string Path { get; } = path;

    public Uri Url { get; } = url;

    public ResourceState? Initial { get; set; }

    /// <summary>The counter in the initial document, for the counter rule.</summary>
    public long? InitialCounter { get; set; }

    public HistoryRecorder? Recorder { get; set; }

    /// <summary>A GET by <paramref name="client"/>, as an operation of <paramref name="name"/> on the recorder's clock
    /// (a whole 2xx body is digested), with the counter of its body if it has one.</summary>
    public async Task<(Operation Operation, long? Counter, string? Error)> ReadAsync(LoadHttpClient client, string name, int sequence, CancellationToken cancellationToken)
    {
        var recorder = Recorder ?? throw new InvalidOperationException("This resource records no history.");
        var start = recorder.Now;
        var response = await client.GetAsync(Url, null, keepBody: true, cancellationToken).ConfigureAwait(false);
        var end = recorder.Now;
        var whole = response.IsSuccess && !response.BodyTruncated;
        var digest = whole ? ContentDigest.OfUtf8(response.Body.Span) : null;
        var counter = whole ? CounterDocument.TryRead(response.Body.Span) : null;
        var operation = Operation.Read(name, sequence, new Interval(start, end), response.Status, ParseTag(response.ETag), digest);
        return (operation, counter, response.Error);
    }

    public static EntityTag? ParseTag(string? field) => field is not null && EntityTag.TryParse(field.Trim(), out var tag) ? tag : null;
}
