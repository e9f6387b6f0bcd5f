using System.Collections.Concurrent;
using ConformanceKit.ReferenceServer.Protocol;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// In-memory documents with atomic compare-and-set writes. Each id has a slot with its own lock; a write
/// runs the caller's decision (which evaluates the preconditions against the current version) and applies
/// the outcome under that lock, so no other write to the same id can slip in between check and set.
/// Reads take no lock: a slot's current version is an immutable value swapped in one reference write.
/// Here the decision runs exactly once per write (the interface allows more). Documents are gone when the
/// store is.
/// </summary>
internal sealed class MemoryDocumentStore(TimeProvider timeProvider, DefectSet defects, ValidatorPolicy? validatorPolicy = null) : IDocumentStore
{
    private readonly VersionMinter versions = new(timeProvider, defects, validatorPolicy ?? ValidatorPolicy.Default);
    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    public StoredDocument? Get(string id) => slots.TryGetValue(id, out var slot) ? slot.Current : null;

    /// <summary>
    /// Runs <paramref name="decide"/> on the current version (null when there is none) while holding the
    /// id's lock, then applies its plan before releasing it. <paramref name="decide"/> must be quick and
    /// must not block; here it runs exactly once per call.
    /// </summary>
    public WriteResult Write(string id, Func<StoredDocument?, WritePlan> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var slot = slots.GetOrAdd(id, static _ => new Slot());
        lock (slot.Gate)
        {
            var before = slot.Current;
            var plan = decide(before);
            switch (plan.Action)
            {
                case WriteAction.Store:
                    var after = versions.Next(id, before, plan);
                    slot.Current = after;
                    return new WriteResult(before, after, Applied: true);
                case WriteAction.Delete when before is not null:
                    slot.Current = null;
                    return new WriteResult(before, null, Applied: true);
                default:
                    return new WriteResult(before, before, Applied: false);
            }
        }
    }

    /// <summary>Creates a document under a fresh server-chosen id (POST to the collection).</summary>
    public WriteResult Create(Func<WritePlan> decide) => ServerChosenIds.Create(this, decide);

    /// <summary>Nothing to release: the documents go with the store.</summary>
    public void Dispose()
    {
    }

    private sealed class Slot
    {
        private volatile StoredDocument? current;

        public Lock Gate { get; } = new();

        public StoredDocument? Current
        {
            get => current;
            set => current = value;
        }
    }
}
