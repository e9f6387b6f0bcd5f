using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// Identity of entity-tags inside a history. This is not an HTTP comparison (those take an explicit
/// <see cref="EntityTagComparison"/>): two tags are the same validator value when they have the same
/// opaque-tag and the same weakness, which is what <see cref="EntityTag"/>'s value equality says, so
/// dictionaries and sets keyed by tags group exactly these.
/// </summary>
internal static class Validators
{
    public static bool Same(EntityTag? a, EntityTag? b) =>
        a is not null && b is not null && a.IsWeak == b.IsWeak && a.Matches(b, EntityTagComparison.Weak);

    public static string Names(IEnumerable<Operation> operations) => string.Join(", ", operations.Select(o => o.Name));
}
