using ConformanceKit.ReferenceServer;
using ConformanceKit.Targets;
using V = ConformanceKit.ReferenceServer.Variants;

namespace ConformanceKit.Tests.Variants;

/// <summary>
/// What the catalog must do against each legal variant of the reference server: no fail and no error, a warn
/// only where a SHOULD is really not met, and exactly the expected number of skips (so a row cannot pass by
/// skipping everything unnoticed). Each row declares the capabilities a user of such a server would declare.
/// </summary>
internal static class VariantTable
{
    private static readonly Capabilities Reference = Capabilities.ReferenceDefault;
    private static readonly Capabilities Strict = Capabilities.ReferenceDefault with { RequirePreconditions = true };

    // Run without requirePreconditions, the 5 checks that need it skip; with it, the 2 that need it off do.
    private const int PlainSkips = 5;
    private const int StrictSkips = 2;

    private static readonly Dictionary<string, string> None = new(StringComparer.Ordinal);

    // RFC 9110 8.8.3: sending ETag is a SHOULD (for representations whose changes can be detected reliably).
    private static readonly Dictionary<string, string> NoETagWarns = new(StringComparer.Ordinal)
    {
        ["etag-sent"] = "8.8.3 SHOULD: this server sends no ETag at all",
    };

    // Catalog bugs found by the weak-etags rows (a check sent a captured weak tag in If-Match and expected it to
    // match, though If-Match compares strongly, RFC 9110 13.1.1) were fixed in the catalog: such checks assume a
    // strong ETag and wait for one within a bound (steps' "waitFor"), or use If-Match: * where the write's
    // precondition is incidental. A new one goes into a row's CatalogBugs with its fix until the fix lands.

    /// <param name="Name">What the row runs, for the test name and the printed table.</param>
    /// <param name="Variants">The server's legal variants.</param>
    /// <param name="Capabilities">What a user of such a server would declare.</param>
    /// <param name="Skips">How many checks must skip, and why (in a comment at the row).</param>
    /// <param name="AllowedWarns">SHOULD checks the variant really does not meet, with the rule.</param>
    /// <param name="CatalogBugs">Checks that fail or warn although the server is right: catalog bugs, each with
    /// its reported fix. Kept so the test stays a ratchet: it fails when one of them stops failing.</param>
    /// <param name="ReadOnly">The target declares no resource.path, only resource.existing.</param>
    public sealed record Row(
        string Name,
        Variant[] Variants,
        Capabilities Capabilities,
        int Skips,
        IReadOnlyDictionary<string, string> AllowedWarns,
        IReadOnlyDictionary<string, string> CatalogBugs,
        bool ReadOnly = false)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Baselines: the server with its defaults, plain and requiring preconditions.
        new("defaults", [], Reference, PlainSkips, None, None),
        new("defaults, requiring preconditions", [], Strict, StrictSkips, None, None),

        // Status codes and content of successful writes: nothing in the catalog may depend on them.
        new("put-replace-200-with-body", [V.PutReplace200WithBody], Reference, PlainSkips, None, None),
        new("create-201-with-body", [V.Create201WithBody], Reference, PlainSkips, None, None),
        new("delete-200-with-body", [V.Delete200WithBody], Reference, PlainSkips, None, None),
        new("patch-204", [V.Patch204], Reference, PlainSkips, None, None),
        new(
            "all four write answers, requiring preconditions",
            [V.Create201WithBody, V.PutReplace200WithBody, V.Delete200WithBody, V.Patch204],
            Strict,
            StrictSkips,
            None,
            None),

        // + put-response-etag-is-new: the PUT response has no ETag to compare (its step 2 assume).
        new("put-without-validators", [V.PutWithoutValidators], Reference, PlainSkips + 1, None, None),

        // + 28 checks that need a strong entity-tag (If-Match and If-Range only ever match strong ones): 26 whose
        // step waits for one (1.5 s at most) and then skips (script-conditional-requests-cross-origin among them), and
        // the 2 races. Requiring preconditions adds conditional-write-accepted-when-required, which needs one too.
        // Chromium revalidates with the weak tag, and If-None-Match compares weakly: the browser reload checks pass.
        new("weak-etags", [V.WeakETags], Reference, PlainSkips + 28, None, None),
        new("weak-etags, requiring preconditions", [V.WeakETags], Strict, StrictSkips + 29, None, None),

        // The example, weak ETags on a read-only resource: every check skips, because no scenario
        // reads resource.existing (all create a fresh resource or use an absent path). Reported as a gap.
        new("weak-etags, read-only", [V.WeakETags], Reference with { Writes = false, Patch = false }, 113, None, None, ReadOnly: true),

        // + 59 checks that need an entity-tag (assume ETag, or a captured {etag} the server never sent), the 4
        // browser checks among them; their waits end at once (an absent ETag will not become a strong one).
        new("no-etag", [V.NoETag], Reference, PlainSkips + 59, NoETagWarns, None),

        // + the same 59 and conditional-write-accepted-when-required.
        new("no-etag, requiring preconditions", [V.NoETag], Strict, StrictSkips + 60, NoETagWarns, None),

        // + 31 checks that need capabilities.lastModified, and last-modified-is-http-date (its assume).
        // last-modified-sent (SHOULD) is one of the 31: with lastModified false it does not apply.
        new("no-last-modified", [V.NoLastModified], Reference with { LastModified = false }, PlainSkips + 32, None, None),

        // + 7 checks that need capabilities.ranges.
        new("ranges-unsupported", [V.RangesUnsupported], Reference with { Ranges = false }, PlainSkips + 7, None, None),

        // + not-modified-carries-cache-control: the 200 has no Cache-Control for the 304 to repeat.
        new("no-cache-control", [V.NoCacheControl], Reference, PlainSkips + 1, None, None),

        new("not-modified-with-last-modified", [V.NotModifiedWithLastModified], Reference, PlainSkips, None, None),
        new("already-applied-2xx", [V.AlreadyApplied2xx], Reference, PlainSkips, None, None),
    ];
}
