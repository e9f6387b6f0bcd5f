using System.Diagnostics.CodeAnalysis;

namespace ConformanceKit.ReferenceServer;

/// <summary>
/// The catalog of defect modes. To add one: declare a field here, list it in <see cref="All"/>, and check
/// <c>defects.Has(Defects.X)</c> at the single place in the server where the broken rule lives.
/// </summary>
public static class Defects
{
    public static readonly Defect WritePreconditionsIgnored = new(
        "write-preconditions-ignored",
        "9110/13.1.1",
        "State-changing requests ignore If-Match, If-None-Match and If-Unmodified-Since and are always applied.");

    public static readonly Defect IfMatchWeakComparison = new(
        "if-match-weak-comparison",
        "9110/13.1.1",
        "If-Match compares entity-tags with the weak function, so W/\"x\" matches \"x\".");

    public static readonly Defect NotModifiedWithoutETag = new(
        "not-modified-without-etag",
        "9110/15.4.5",
        "304 (Not Modified) responses omit the ETag a 200 would have carried.");

    // Kestrel refuses to write content on a 304 (it throws), so the observable 15.4.5 deviation chosen is
    // representation metadata on the 304 that the section says a sender SHOULD NOT generate.
    public static readonly Defect NotModifiedWithRepresentationMetadata = new(
        "not-modified-with-representation-metadata",
        "9110/15.4.5",
        "304 (Not Modified) responses carry Content-Type and Last-Modified of the full representation.");

    public static readonly Defect ETagUnchangedAfterWrite = new(
        "etag-unchanged-after-write",
        "9110/8.8.3",
        "Replacing or patching a document keeps its previous entity-tag although the content changed.");

    public static readonly Defect NonAtomicWrite = new(
        "non-atomic-write",
        "9110/13.1.1",
        "Preconditions are checked, then the write is applied about a millisecond later without re-checking, so racing If-Match writes can all succeed (lost update).");

    public static readonly Defect IfNoneMatchIgnoredOnGet = new(
        "if-none-match-ignored-on-get",
        "9110/13.1.2",
        "GET and HEAD treat If-None-Match as absent, so they never answer 304 because of it.");

    // Declared after the fields: static initializers run in text order.
    public static IReadOnlyList<Defect> All { get; } =
    [
        WritePreconditionsIgnored,
        IfMatchWeakComparison,
        NotModifiedWithoutETag,
        NotModifiedWithRepresentationMetadata,
        ETagUnchangedAfterWrite,
        NonAtomicWrite,
        IfNoneMatchIgnoredOnGet,
    ];

    /// <summary>Finds a defect by name (case-insensitive, surrounding whitespace ignored).</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out Defect defect)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        defect = All.FirstOrDefault(d => string.Equals(d.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return defect is not null;
    }
}
