namespace ConformanceKit.ReferenceServer;

/// <summary>
/// Where a reference server keeps its documents: in memory (gone when the server stops; the default), or in
/// a SQLite file that keeps them, with their entity-tags, across restarts. Text form, as <c>serve --store</c>
/// takes it: <c>memory</c> or <c>sqlite:PATH</c>. Invariant: <see cref="SqlitePath"/> is a full path, or null
/// for memory.
/// </summary>
public sealed record StoreChoice
{
    private const string SqlitePrefix = "sqlite:";

    private StoreChoice(string? sqlitePath) => SqlitePath = sqlitePath;

    public static StoreChoice Memory { get; } = new((string?)null);

    /// <summary>The SQLite file, or null for the in-memory store.</summary>
    public string? SqlitePath { get; }

    public bool IsSqlite => SqlitePath is not null;

    /// <summary>A SQLite store in <paramref name="path"/> (created when missing; relative to the working folder).</summary>
    public static StoreChoice Sqlite(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("a SQLite store needs a file path, as in sqlite:./reference.db", nameof(path));
        }

        return new(Path.GetFullPath(path));
    }

    /// <summary>Reads <c>memory</c> or <c>sqlite:PATH</c>; anything else is a <see cref="FormatException"/> that
    /// says why.</summary>
    public static StoreChoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "memory")
        {
            return Memory;
        }

        if (text == "sqlite" || text.StartsWith(SqlitePrefix, StringComparison.Ordinal))
        {
            var path = text.Length > SqlitePrefix.Length ? text[SqlitePrefix.Length..] : string.Empty;
            return string.IsNullOrWhiteSpace(path)
                ? throw new FormatException($"'{text}' names no file: write sqlite:PATH, as in sqlite:./reference.db")
                : Sqlite(path);
        }

        if (text.StartsWith("memory:", StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}': the in-memory store takes no path (write just memory)");
        }

        var shown = text.Length == 0 ? "an empty value" : $"unknown store '{text}'";
        throw new FormatException($"{shown} (use memory, the default, or sqlite:PATH)");
    }

    public override string ToString() => SqlitePath is { } path ? SqlitePrefix + path : "memory";
}
