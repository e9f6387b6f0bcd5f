using System.Security.Cryptography;
using ConformanceKit.ReferenceServer.Protocol;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// Makes the next version of a document, the same way for every store. Invariant: each call takes a new value
/// of one store-wide generation counter, so every version gets a generation larger than any before it in this
/// store (a persistent store seeds the counter with the largest generation it has ever stored).
/// </summary>
internal sealed class VersionMinter(TimeProvider timeProvider, DefectSet defects, ValidatorPolicy validators, long lastGeneration = 0)
{
    private long generation = lastGeneration;

    // The entity-tag's opaque part is "<generation>-<hash>": the store-wide generation makes every write's tag
    // new, even when a document is deleted and recreated with the same bytes (RFC 9110 8.8.3: a strong
    // validator changes whenever the representation data changes, and must not be reused for different data).
    // Whether there is a tag, and its strength, and whether there is a date, is the validator policy's call.
    public StoredDocument Next(string id, StoredDocument? before, WritePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
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
}
