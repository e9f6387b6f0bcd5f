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

    // non-atomic-write:100us (or toctou:100us) sets the window between check and write; the default is 1 ms.
    public static readonly Defect NonAtomicWrite = new(
        "non-atomic-write",
        "9110/13.1.1",
        "Preconditions are checked, then the write is applied a window later (1 ms unless the name says, e.g. non-atomic-write:100us) without re-checking, so racing If-Match writes can all succeed (lost update).")
    {
        DefaultWindow = TimeSpan.FromMilliseconds(1),
        Alias = "toctou",
    };

    public static readonly Defect IfNoneMatchIgnoredOnGet = new(
        "if-none-match-ignored-on-get",
        "9110/13.1.2",
        "GET and HEAD treat If-None-Match as absent, so they never answer 304 because of it.");

    // ---- 13.1.1 If-Match ----
    public static readonly Defect IfMatchUnquotedComparison = new(
        "if-match-unquoted-comparison",
        "9110/13.1.1",
        "If-Match members are compared, quotes included, with the stored opaque tag, which has none, so even the current entity-tag never matches and valid conditional writes are refused with 412.");

    public static readonly Defect IfMatchStarAsTag = new(
        "if-match-star-as-tag",
        "9110/13.1.1",
        "If-Match: * is compared like an entity-tag named *, so it never matches and every If-Match: * request is refused with 412.");

    public static readonly Defect IfMatchStarMatchesMissing = new(
        "if-match-star-matches-missing",
        "9110/13.1.1",
        "If-Match: * holds even when there is no current representation, so a PUT with it creates the resource instead of failing with 412.");

    public static readonly Defect IfMatchIgnoredOnReads = new(
        "if-match-ignored-on-reads",
        "9110/13.1.1",
        "If-Match is only evaluated for state-changing methods; a GET or HEAD with a false If-Match is answered as if it were absent.");

    // ---- 13.1.1 and 13.1.2: entity-tag lists ----
    public static readonly Defect EntityTagListFirstOnly = new(
        "entity-tag-list-first-only",
        "9110/13.1",
        "If-Match and If-None-Match keep only the first member of a list, so a matching tag later in the list is never compared.");

    // ---- 13.1.2 If-None-Match ----
    public static readonly Defect IfNoneMatchStrongComparison = new(
        "if-none-match-strong-comparison",
        "9110/13.1.2",
        "If-None-Match compares entity-tags with the strong function, so W/\"x\" does not match \"x\" and revalidation with a weak tag gets 200.");

    public static readonly Defect IfNoneMatchPresenceOnly = new(
        "if-none-match-presence-only",
        "9110/13.1.2",
        "A GET or HEAD with any If-None-Match is answered 304 without comparing the tags, even when none matches.");

    public static readonly Defect IfNoneMatchStarIgnoredOnWrites = new(
        "if-none-match-star-ignored-on-writes",
        "9110/13.1.2",
        "If-None-Match: * is treated as absent on PUT, PATCH and DELETE, so a create-only PUT overwrites an existing resource.");

    public static readonly Defect IfNoneMatchStarFailsOnMissing = new(
        "if-none-match-star-fails-on-missing",
        "9110/13.1.2",
        "If-None-Match: * evaluates to false even when there is no current representation, so a create-only PUT is refused with 412.");

    public static readonly Defect NotModifiedForWrites = new(
        "not-modified-for-writes",
        "9110/13.1.2",
        "A false If-None-Match on a state-changing method is answered 304 (Not Modified) instead of 412; the write is still not applied.");

    // ---- 13.1.3 If-Modified-Since ----
    public static readonly Defect IfModifiedSinceIgnored = new(
        "if-modified-since-ignored",
        "9110/13.1.3",
        "If-Modified-Since is never evaluated, so an unchanged representation is sent again with 200 instead of 304.");

    public static readonly Defect IfModifiedSincePresenceOnly = new(
        "if-modified-since-presence-only",
        "9110/13.1.3",
        "A GET or HEAD with any valid If-Modified-Since is answered 304 without comparing the date with Last-Modified.");

    public static readonly Defect InvalidDateAsNow = new(
        "invalid-date-as-now",
        "9110/13.1.3",
        "An If-Modified-Since that is not an HTTP-date is read as the current time instead of being ignored, so a GET with it is answered 304.");

    public static readonly Defect IfModifiedSinceEvaluatedOnWrites = new(
        "if-modified-since-evaluated-on-writes",
        "9110/13.1.3",
        "If-Modified-Since is evaluated on PUT, PATCH and DELETE too: a write whose date is not older than Last-Modified is refused with 412.");

    // ---- 5.6.7 HTTP-date ----
    public static readonly Defect ImfFixdateOnly = new(
        "imf-fixdate-only",
        "9110/5.6.7",
        "Only IMF-fixdate is understood in received dates; the obsolete RFC 850 and asctime formats are treated as invalid (and so ignored).");

    // ---- 13.1.4 If-Unmodified-Since ----
    public static readonly Defect IfUnmodifiedSinceIgnored = new(
        "if-unmodified-since-ignored",
        "9110/13.1.4",
        "If-Unmodified-Since is never evaluated, so a write based on an outdated date is applied.");

    public static readonly Defect LastModifiedSubsecondComparison = new(
        "last-modified-subsecond-comparison",
        "9110/13.1.4",
        "If-Unmodified-Since is compared with the full-precision modification time instead of the whole-second Last-Modified, so the date the server itself sent fails with 412.");

    public static readonly Defect InvalidDateFailsPrecondition = new(
        "invalid-date-fails-precondition",
        "9110/13.1.4",
        "An If-Unmodified-Since that is not an HTTP-date is read as the earliest possible date instead of being ignored, so the write is refused with 412.");

    // ---- 13.1.5 If-Range ----
    public static readonly Defect IfRangeAlwaysFull = new(
        "if-range-always-full",
        "9110/13.1.5",
        "If-Range never matches: a Range request with If-Range always gets the whole representation (200), even with the current strong entity-tag.");

    public static readonly Defect IfRangeNotEvaluated = new(
        "if-range-not-evaluated",
        "9110/13.1.5",
        "If-Range is not looked at: the Range is served (206) whatever validator If-Range carries.");

    public static readonly Defect IfRangeWeakComparison = new(
        "if-range-weak-comparison",
        "9110/13.1.5",
        "If-Range compares entity-tags with the weak function, so W/\"x\" matches \"x\" and a partial response is sent.");

    // ---- 13.2.1 When preconditions are evaluated ----
    public static readonly Defect PreconditionsEvaluatedOnMissing = new(
        "preconditions-evaluated-on-missing",
        "9110/13.2.1",
        "Preconditions are evaluated for a missing target too, so GET, PATCH or DELETE with a false precondition gets 412 instead of 404.");

    // ---- 13.2.2 Precedence ----
    public static readonly Defect IfUnmodifiedSinceEvaluatedWithIfMatch = new(
        "if-unmodified-since-evaluated-with-if-match",
        "9110/13.2.2",
        "If-Unmodified-Since is evaluated even when If-Match is present (and true), so a stale date refuses a write that If-Match allows.");

    public static readonly Defect IfModifiedSinceEvaluatedWithIfNoneMatch = new(
        "if-modified-since-evaluated-with-if-none-match",
        "9110/13.2.2",
        "If-Modified-Since is evaluated even when If-None-Match is present (and true), so a GET with a non-matching tag can still get 304.");

    public static readonly Defect IfNoneMatchEvaluatedFirst = new(
        "if-none-match-evaluated-first",
        "9110/13.2.2",
        "If-None-Match (and If-Modified-Since) are evaluated before If-Match (and If-Unmodified-Since), so a GET with a false If-Match and a matching If-None-Match gets 304 instead of 412.");

    // ---- 8.8.3 ETag, 8.8.2 Last-Modified, 9.3.4 PUT ----
    public static readonly Defect ETagNotSent = new(
        "etag-not-sent",
        "9110/8.8.3",
        "No response carries an ETag, although every representation has a reliable entity-tag.");

    public static readonly Defect UnquotedETag = new(
        "unquoted-etag",
        "9110/8.8.3",
        "ETag is sent as the bare opaque tag without the double quotes the entity-tag grammar requires.");

    public static readonly Defect ETagChangesEveryResponse = new(
        "etag-changes-every-response",
        "9110/8.8.3",
        "Every response carries a new ETag (the stored tag plus a per-response serial, like a tag that embeds the response time), so two reads of unchanged content disagree and no conditional request can match.");

    public static readonly Defect LastModifiedNotSent = new(
        "last-modified-not-sent",
        "9110/8.8.2",
        "No response carries Last-Modified, although every representation has a modification time.");

    public static readonly Defect LastModifiedNotHttpDate = new(
        "last-modified-not-http-date",
        "9110/8.8.2",
        "Last-Modified is sent in ISO 8601 (2025-03-14T09:26:53Z) instead of as an HTTP-date.");

    public static readonly Defect PutResponseOldETag = new(
        "put-response-old-etag",
        "9110/9.3.4",
        "A PUT that replaces a document answers with the validators (ETag, Last-Modified) of the version it replaced, not of the one it stored.");

    // ---- RFC 6585 section 3: 428 Precondition Required ----
    public static readonly Defect PreconditionRequiredWithoutExplanation = new(
        "precondition-required-without-explanation",
        "6585/3",
        "428 (Precondition Required) is sent with no content, so the client is not told how to resubmit the request.");

    public static readonly Defect PreconditionRequiredIgnored = new(
        "precondition-required-ignored",
        "6585/3",
        "The require-preconditions switch is not applied to PUT: an unconditional PUT is accepted (PATCH and DELETE still get 428).");

    // Named for what is observable; a server answering 428 to every write could not even create resources.
    public static readonly Defect PreconditionRequiredDespiteIfMatch = new(
        "precondition-required-despite-if-match",
        "6585/3",
        "With preconditions required, If-Match does not count as one: a write carrying the current entity-tag in If-Match is refused with 428 (If-None-Match and If-Unmodified-Since still count).");

    public static readonly Defect PreconditionRequiredRejectsIfNoneMatchStar = new(
        "precondition-required-rejects-if-none-match-star",
        "6585/3",
        "With preconditions required, If-None-Match: * does not count as one: a create-only PUT is refused with 428, so nothing can be created (If-Match, If-None-Match with tags and If-Unmodified-Since still count).");

    // ---- Added with the catalog's 304, 206 and date checks ----
    public static readonly Defect IfUnmodifiedSinceExactMatch = new(
        "if-unmodified-since-exact-match",
        "9110/13.1.4",
        "If-Unmodified-Since is true only when the date equals Last-Modified, so a write with a later date is refused with 412 although the resource was not modified since.");

    public static readonly Defect IfUnmodifiedSinceFailsWithoutDate = new(
        "if-unmodified-since-fails-without-date",
        "9110/13.1.4",
        "If-Unmodified-Since on a target without a modification date (no current representation) is false instead of ignored, so a PUT carrying it cannot create and gets 412.");

    public static readonly Defect IfRangeAsPrecondition = new(
        "if-range-as-precondition",
        "9110/13.1.5",
        "If-Range is treated like If-Match: a GET whose If-Range does not match is refused with 412, with or without Range, instead of being served whole.");

    public static readonly Defect PartialContentWithoutContentRange = new(
        "partial-content-without-content-range",
        "9110/15.3.7",
        "A 206 (Partial Content) carries no Content-Range, so the client cannot tell which bytes it got or the complete length.");

    public static readonly Defect PartialContentWithoutETag = new(
        "partial-content-without-etag",
        "9110/15.3.7",
        "A 206 (Partial Content) leaves out the ETag a 200 to the same request would carry.");

    public static readonly Defect NotModifiedWithoutCacheControl = new(
        "not-modified-without-cache-control",
        "9110/15.4.5",
        "A 304 (Not Modified) leaves out the Cache-Control a 200 to the same request would carry.");

    public static readonly Defect NotModifiedContentLengthZero = new(
        "not-modified-content-length-zero",
        "9110/8.6",
        "A 304 (Not Modified) carries Content-Length: 0, the length of its own (empty) content instead of the length a 200 would have sent.");

    public static readonly Defect LastModifiedInFuture = new(
        "last-modified-in-future",
        "9110/8.8.2",
        "Last-Modified is written from a clock one hour ahead (a time-zone slip) and not clamped to Date, so it is later than the response's own Date.");

    public static readonly Defect NotModifiedForMissing = new(
        "not-modified-for-missing",
        "9110/13.2.1",
        "GET and HEAD with If-None-Match: * are answered 304 without checking that the target exists, so a missing resource gets 304 instead of 404.");

    public static readonly Defect PreconditionFailedButApplied = new(
        "precondition-failed-but-applied",
        "9110/15.5.13",
        "A write whose precondition is false is answered 412 (Precondition Failed) but applied anyway, so the client is told nothing changed while its write replaced or deleted the resource.");

    // ---- Scripts of other origins (the Fetch standard's CORS protocol), for RFC 9110's validators ----
    public static readonly Defect CorsETagNotExposed = new(
        "cors-etag-not-exposed",
        "9110/8.8.3",
        "Answers to scripts of other origins carry ETag but leave it out of Access-Control-Expose-Headers, so the browser hides it and a script has no entity-tag to send in If-Match or If-None-Match.");

    public static readonly Defect CorsIfMatchNotAllowed = new(
        "cors-if-match-not-allowed",
        "9110/13.1.1",
        "Preflight (OPTIONS) answers leave If-Match out of Access-Control-Allow-Headers (If-None-Match and Content-Type are listed), so the browser never sends a script's conditional write.");

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
        IfMatchUnquotedComparison,
        IfMatchStarAsTag,
        IfMatchStarMatchesMissing,
        IfMatchIgnoredOnReads,
        EntityTagListFirstOnly,
        IfNoneMatchStrongComparison,
        IfNoneMatchPresenceOnly,
        IfNoneMatchStarIgnoredOnWrites,
        IfNoneMatchStarFailsOnMissing,
        NotModifiedForWrites,
        IfModifiedSinceIgnored,
        IfModifiedSincePresenceOnly,
        InvalidDateAsNow,
        IfModifiedSinceEvaluatedOnWrites,
        ImfFixdateOnly,
        IfUnmodifiedSinceIgnored,
        LastModifiedSubsecondComparison,
        InvalidDateFailsPrecondition,
        IfRangeAlwaysFull,
        IfRangeNotEvaluated,
        IfRangeWeakComparison,
        PreconditionsEvaluatedOnMissing,
        IfUnmodifiedSinceEvaluatedWithIfMatch,
        IfModifiedSinceEvaluatedWithIfNoneMatch,
        IfNoneMatchEvaluatedFirst,
        ETagNotSent,
        UnquotedETag,
        ETagChangesEveryResponse,
        LastModifiedNotSent,
        LastModifiedNotHttpDate,
        PutResponseOldETag,
        PreconditionRequiredWithoutExplanation,
        PreconditionRequiredIgnored,
        PreconditionRequiredDespiteIfMatch,
        PreconditionRequiredRejectsIfNoneMatchStar,
        IfUnmodifiedSinceExactMatch,
        IfUnmodifiedSinceFailsWithoutDate,
        IfRangeAsPrecondition,
        PartialContentWithoutContentRange,
        PartialContentWithoutETag,
        NotModifiedWithoutCacheControl,
        NotModifiedContentLengthZero,
        LastModifiedInFuture,
        NotModifiedForMissing,
        PreconditionFailedButApplied,
        CorsETagNotExposed,
        CorsIfMatchNotAllowed,
    ];

    /// <summary>Finds a defect by name or alias (case-insensitive, surrounding whitespace ignored), without
    /// an argument: <c>non-atomic-write</c>, not <c>non-atomic-write:1ms</c> (see <see cref="DefectSet.Parse"/>).</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out Defect defect)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        defect = All.FirstOrDefault(d => string.Equals(d.Name, trimmed, StringComparison.OrdinalIgnoreCase)
            || (d.Alias is { } alias && string.Equals(alias, trimmed, StringComparison.OrdinalIgnoreCase)));
        return defect is not null;
    }
}
