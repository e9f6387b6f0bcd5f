namespace ConformanceKit.ReferenceServer.Hosting;

/// <summary>
/// A fresh SQLite file name in the temp folder for one run of a reference target, and the cleanup that
/// deletes it with its write-ahead log and shared-memory index. Invariant: nothing is created until the
/// store opens the file; <see cref="Delete"/> is safe to call whether or not it exists.
/// </summary>
internal sealed class TemporarySqliteFile
{
    private static readonly string[] Suffixes = [string.Empty, "-wal", "-shm", "-journal"];

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"conformancekit-store-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the file and its companions; call it only after the store is closed.</summary>
    public void Delete()
    {
        foreach (var suffix in Suffixes)
        {
            File.Delete(Path + suffix);
        }
    }
}
