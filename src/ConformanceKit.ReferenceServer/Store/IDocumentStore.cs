namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// Where the reference server keeps its documents. Every write is an atomic compare-and-set: the plan that
/// <c>decide</c> returns is applied only to the very version it was decided on, so no other write to the same
/// id can slip in between check and set. Entity-tags are never reused for different content, not even across
/// a restart of a persistent store (RFC 9110 8.8.3).
/// Implementations: <see cref="MemoryDocumentStore"/> (per-id lock) and <see cref="SqliteDocumentStore"/>
/// (optimistic: a conditional statement on the version it read, retried when another write won).
/// </summary>
internal interface IDocumentStore : IDisposable
{
    /// <summary>The current version, or null when there is none.</summary>
    StoredDocument? Get(string id);

    /// <summary>
    /// Runs <paramref name="decide"/> on the current version (null when there is none), then applies its plan
    /// to exactly that version. <paramref name="decide"/> must be quick, must not block, and may run MORE THAN
    /// ONCE per call: when another write changed the document in between, the store discards the plan and
    /// decides again on the new version. Only the last run's plan is applied (or declined), so a caller that
    /// records something from inside <paramref name="decide"/> must overwrite it on every run, never add to it.
    /// </summary>
    WriteResult Write(string id, Func<StoredDocument?, WritePlan> decide);

    /// <summary>Creates a document under a fresh server-chosen id (POST to the collection). Like
    /// <see cref="Write"/>, <paramref name="decide"/> may run more than once.</summary>
    WriteResult Create(Func<WritePlan> decide);
}
