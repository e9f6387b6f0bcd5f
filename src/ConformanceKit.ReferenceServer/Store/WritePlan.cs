namespace ConformanceKit.ReferenceServer.Store;

internal enum WriteAction
{
    /// <summary>Leave the document as it is (a precondition failed, or it is missing).</summary>
    None,

    /// <summary>Store new content as the current version.</summary>
    Store,

    /// <summary>Remove the current version.</summary>
    Delete,
}

/// <summary>What a write decided to do after looking at the current version.</summary>
internal sealed record WritePlan(WriteAction Action, ReadOnlyMemory<byte> Content, string? MediaType)
{
    public static WritePlan Nothing { get; } = new(WriteAction.None, ReadOnlyMemory<byte>.Empty, null);

    public static WritePlan Remove { get; } = new(WriteAction.Delete, ReadOnlyMemory<byte>.Empty, null);

    public static WritePlan Put(ReadOnlyMemory<byte> content, string mediaType) => new(WriteAction.Store, content, mediaType);
}

/// <summary>The versions on either side of one write; <see cref="Applied"/> is false when nothing changed.</summary>
internal sealed record WriteResult(StoredDocument? Before, StoredDocument? After, bool Applied);
