using System.Collections.Concurrent;
using System.Security.Cryptography;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Protocol;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// In-memory documents with atomic compare-and-set writes. Each id has a slot with its own lock; a write
/// runs the caller's decision (which evaluates the preconditions against the current version) and applies
/// the outcome under that lock, so no other write to the same id can slip in between check and set.
/// Reads take no lock: a slot's current version is an immutable value swapped in one reference write.
/// </summary>
internal sealed class DocumentStore(TimeProvider timeProvider, DefectSet defects, ValidatorPolicy? validatorPolicy = null)
{
    private readonly ValidatorPolicy validators = validatorPolicy ?? ValidatorPolicy.Default;
    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private long generation;

    public StoredDocument? Get(string id) => slots.TryGetValue(id, out var slot) ? slot.Current : null;

    /// <summary>
    /// Runs <paramref name="decide"/> on the current version (null when there is none) while holding the
    /// id's lock, then applies its plan before releasing it. <paramref name="decide"/> must be quick and
    /// must not block; it runs exactly once per call.
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
                    var after = NextVersion(id, before, plan);
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
    public WriteResult Create(Func<WritePlan> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        while (true)
        {
            var id = Guid.NewGuid().ToString("N");
            var taken = false;
            var result = Write(id, current =>
            {
                taken = current is not null;
                return taken ? WritePlan.Nothing : decide();
            });
            if (!taken)
            {
                return result;
            }
        }
    }

    // The entity-tag's opaque part is "<generation>-<hash>": the store-wide generation makes every write's tag
    // new, even when a document is deleted and recreated with the same bytes (RFC 9110 8.8.3: a strong
    // validator changes whenever the representation data changes, and must not be reused for different data).
    // Whether there is a tag, and its strength, and whether there is a date, is the validator policy's call.
    private StoredDocument NextVersion(string id, StoredDocument? before, WritePlan plan)
    {
        var next = Interlocked.Increment(ref generation);
        var hash = Convert.ToHexStringLower(SHA256.HashData(plan.Content.Span).AsSpan(0, 4));
        var etag = validators.EntityTagFor($"{next}-{hash}");
        if (before is not null && defects.Has(Defects.ETagUnchangedAfterWrite))
        {
            etag = before.Representation.ETag;
        }

        // The modification time never goes back for one document, so neither does Last-Modified (its whole
        // seconds), and If-Unmodified-Since cannot be satisfied by an older date after a newer write.
        var changedAt = timeProvider.GetUtcNow();
        if (before?.Representation.ModifiedAt is { } previous && previous > changedAt)
        {
            changedAt = previous;
        }

        var representation = new Representation(plan.Content, plan.MediaType ?? "application/json", etag, validators.ModificationDate(changedAt));
        return new StoredDocument(id, next, representation);
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
