namespace ConformanceKit.Runs;

/// <summary>
/// Known deviations a run's gate accepts for now (<c>--baseline FILE</c>): check ids with the reason each is
/// accepted. Loaded by <see cref="BaselineFile"/>; every id names a check of the catalog and appears once.
/// <see cref="Strict"/> (<c>--strict-baseline</c>): an entry whose check now passes breaks the gate, so the file
/// cannot fall behind the server.
/// </summary>
public sealed record Baseline(string File, IReadOnlyList<BaselineEntry> Entries, bool Strict)
{
    public static Baseline None { get; } = new(string.Empty, [], false);

    public bool IsEmpty => Entries.Count == 0;

    public BaselineEntry? Find(string checkId) => Entries.FirstOrDefault(e => e.Id == checkId);
}

/// <summary>One known deviation: a check id, why it is accepted, and the entry's line in its file (0 when not
/// read from a file), so a stale entry can be found and removed.</summary>
public sealed record BaselineEntry(string Id, string Reason, int Line = 0);
