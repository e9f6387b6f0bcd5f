namespace ConformanceKit.Races;

/// <summary>What an operation in a history did to the resource.</summary>
public enum OperationKind
{
    /// <summary>A GET: observes the current content and validator.</summary>
    Read,

    /// <summary>A PUT: replaces the content, usually guarded by If-Match.</summary>
    Write,
}
