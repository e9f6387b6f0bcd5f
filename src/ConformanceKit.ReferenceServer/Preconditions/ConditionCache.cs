using ConformanceKit.Http;

namespace ConformanceKit.ReferenceServer.Preconditions;

/// <summary>
/// The last If-Match and the last If-None-Match value a server parsed, each with what it read (after the parsing
/// defects of its set, so one cache serves one server). Under load clients revalidate with the same tag again and
/// again, and the parse (tags, list, condition) need not run each time. A one-line field only; a value that did not
/// parse is never kept. Thread-safe: each slot is one immutable pair swapped whole; a lost race only costs a parse.
/// </summary>
internal sealed class ConditionCache
{
    public Slot IfMatch { get; } = new();

    public Slot IfNoneMatch { get; } = new();

    internal sealed class Slot
    {
        private Entry? last;

        public EntityTagCondition? Find(string value) =>
            Volatile.Read(ref last) is { } entry && string.Equals(entry.Value, value, StringComparison.Ordinal) ? entry.Condition : null;

        public void Keep(string value, EntityTagCondition condition) => Volatile.Write(ref last, new Entry(value, condition));

        private sealed record Entry(string Value, EntityTagCondition Condition);
    }
}
