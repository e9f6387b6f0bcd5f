namespace ConformanceKit.Load.Http;

/// <summary>
/// The figures that matter for conditional requests, from a run's final stats (every scenario's steps of the same
/// name added up) and its verifications. Readers (<c>revalidate</c>): revalidations, 304s (<c>not-modified</c>) and
/// their ratio, bytes saved in all and per 304, refetches. Writers (<c>write</c>): writes, successful ones
/// (<c>written</c>), 412s and their rate among writes, retries and retries per successful write, increments given up,
/// lost updates (final count, and what the live watch saw), history violations, lost increments. A figure is null
/// when the workload has no such step (or, for a ratio, nothing to divide by).
/// </summary>
public sealed record ConditionalMetrics
{
    public long? Revalidations { get; init; }

    public long? NotModified { get; init; }

    public double? NotModifiedRatio { get; init; }

    public long? BytesSaved { get; init; }

    public double? BytesSavedPerNotModified { get; init; }

    public long? Refetches { get; init; }

    public long? Writes { get; init; }

    public long? SuccessfulWrites { get; init; }

    public long? Conflicts { get; init; }

    public double? ConflictRate { get; init; }

    public long? Retries { get; init; }

    public double? RetriesPerSuccessfulWrite { get; init; }

    public long? GaveUp { get; init; }

    public long? LostUpdates { get; init; }

    public long? LiveLostUpdates { get; init; }

    public long? HistoryViolations { get; init; }

    public long? LostIncrements { get; init; }

    public static ConditionalMetrics From(LoadResult result, IReadOnlyList<ResourceVerification> verifications)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(verifications);
        var reads = result.Scenarios.Select(s => s.Stats.Step(Revalidation.StepName)).OfType<StatsSnapshot>().ToList();
        var writes = result.Scenarios.Select(s => s.Stats.Step(ConditionalWrites.WriteStep)).OfType<StatsSnapshot>().ToList();
        var metrics = new ConditionalMetrics();
        if (reads.Count > 0)
        {
            var count = reads.Sum(s => s.Count);
            var notModified = Sum(reads, Revalidation.NotModified);
            var saved = Sum(reads, Revalidation.BytesSaved);
            metrics = metrics with
            {
                Revalidations = count,
                NotModified = notModified,
                NotModifiedRatio = Divide(notModified, count),
                BytesSaved = saved,
                BytesSavedPerNotModified = Divide(saved, notModified),
                Refetches = Sum(reads, Revalidation.Refetch),
            };
        }

        if (writes.Count > 0)
        {
            var count = writes.Sum(s => s.Count);
            var written = Sum(writes, ConditionalWrites.Written);
            var conflicts = writes.Sum(s => s.StatusCodes.GetValueOrDefault(412));
            var retries = Sum(writes, ConditionalWrites.Retry);
            metrics = metrics with
            {
                Writes = count,
                SuccessfulWrites = written,
                Conflicts = conflicts,
                ConflictRate = Divide(conflicts, count),
                Retries = retries,
                RetriesPerSuccessfulWrite = Divide(retries, written),
                GaveUp = Sum(writes, ConditionalWrites.GaveUp),
                LostUpdates = Sum(writes, ConditionalWrites.LostUpdates),
                LiveLostUpdates = verifications.Count > 0 ? verifications.Sum(v => v.LiveLostUpdates) : null,
                HistoryViolations = Sum(writes, ConditionalWrites.HistoryViolations),
                LostIncrements = writes.Any(s => s.Counters.ContainsKey(ConditionalWrites.LostIncrements)) ? Sum(writes, ConditionalWrites.LostIncrements) : null,
            };
        }

        return metrics;
    }

    private static long Sum(List<StatsSnapshot> steps, string counter) => steps.Sum(s => s.Counter(counter));

    private static double? Divide(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
