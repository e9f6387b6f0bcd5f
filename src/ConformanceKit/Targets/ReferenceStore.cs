namespace ConformanceKit.Targets;

/// <summary>Where a <see cref="TargetKind.Reference"/> target's server keeps its documents (targets.json
/// <c>"store"</c>).</summary>
public enum ReferenceStore
{
    /// <summary>In memory, gone when the run ends (the default).</summary>
    Memory,

    /// <summary>A SQLite file: a fresh temporary one per run, deleted after it.</summary>
    Sqlite,
}
