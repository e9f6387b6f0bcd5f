using System.Diagnostics.CodeAnalysis;

namespace ConformanceKit.ReferenceServer;

/// <summary>
/// The catalog of legal variants: choices the RFCs leave to the server, which the reference server can be
/// told to make instead of its defaults so the harness can be shown never to fail a conformant server for
/// them. To add one: declare a field here, list it in <see cref="All"/>, and check
/// <c>variants.Has(Variants.X)</c> at the single place in the server where the choice is made. A behaviour
/// that breaks a MUST or a SHOULD is not a variant: it belongs in <see cref="Defects"/>.
/// </summary>
public static class Variants
{
    // ---- Status codes and content of successful writes ----
    public static readonly Variant PutReplace200WithBody = new(
        "put-replace-200-with-body",
        "9110/9.3.4",
        "A PUT that replaces a document answers 200 with the stored document as content, instead of 204; a successful replacement may be answered with either.");

    public static readonly Variant Create201WithBody = new(
        "create-201-with-body",
        "9110/15.3.2",
        "A PUT that creates a document answers 201 with the stored document as content instead of with empty content; what a 201 carries is the server's choice. (Answering 200 to a create would not be a variant: 9.3.4 requires 201.)");

    public static readonly Variant PutWithoutValidators = new(
        "put-without-validators",
        "9110/9.3.4",
        "PUT responses carry no ETag and no Last-Modified; a server may always leave validators out of a PUT response (it may only send them when they describe the stored representation).");

    public static readonly Variant Delete200WithBody = new(
        "delete-200-with-body",
        "9110/9.3.5",
        "A successful DELETE answers 200 with a short JSON status document instead of 204; either is allowed once the deletion is enacted.");

    public static readonly Variant Patch204 = new(
        "patch-204",
        "5789/2",
        "A successful PATCH answers 204 with the new validators and no content, instead of 200 with the patched document.");

    // ---- Validators the representations have ----
    public static readonly Variant WeakETags = new(
        "weak-etags",
        "9110/8.8.1",
        "Every entity-tag is weak (W/\"...\"). Then no If-Match or If-Range ever matches (both use the strong comparison), while If-None-Match still does; this is the correct consequence of weak validators, not a defect.");

    public static readonly Variant NoETag = new(
        "no-etag",
        "9110/8.8.3",
        "Representations have no entity-tag, as on a server that cannot detect changes reliably: no ETag is sent, If-Match and If-None-Match lists never match (\"*\" still tests existence). Sending ETag is a SHOULD, so etag-sent warns.");

    public static readonly Variant NoLastModified = new(
        "no-last-modified",
        "9110/8.8.2",
        "Representations have no modification date: no Last-Modified is sent, and If-Modified-Since, If-Unmodified-Since and If-Range dates are ignored or never match, as 13.1.3, 13.1.4 and 13.1.5 require without a date.");

    // ---- Optional fields and features ----
    public static readonly Variant RangesUnsupported = new(
        "ranges-unsupported",
        "9110/14.2",
        "Range requests are not supported: Range (and so If-Range) is ignored, every GET is answered 200 with the whole representation, and no Accept-Ranges is sent.");

    public static readonly Variant NoCacheControl = new(
        "no-cache-control",
        "9111/5.2",
        "No response carries Cache-Control (200 nor 304): the field is optional, and a 304 only has to repeat the one a 200 would have carried.");

    public static readonly Variant NotModifiedWithLastModified = new(
        "not-modified-with-last-modified",
        "9110/15.4.5",
        "A 304 also carries Last-Modified, metadata that guides the update of a stored response, which 15.4.5 allows besides ETag, Cache-Control and Date (Content-Type is still left out).");

    // ---- Allowances in precondition evaluation ----
    public static readonly Variant AlreadyApplied2xx = new(
        "already-applied-2xx",
        "9110/13.1.1",
        "A PUT or PATCH refused by If-Match or If-Unmodified-Since whose result would be exactly the current content is answered 2xx as already applied (nothing is stored again), as 13.1.1 and 13.1.4 allow.");

    // Declared after the fields: static initializers run in text order.
    public static IReadOnlyList<Variant> All { get; } =
    [
        PutReplace200WithBody,
        Create201WithBody,
        PutWithoutValidators,
        Delete200WithBody,
        Patch204,
        WeakETags,
        NoETag,
        NoLastModified,
        RangesUnsupported,
        NoCacheControl,
        NotModifiedWithLastModified,
        AlreadyApplied2xx,
    ];

    /// <summary>Finds a variant by name (case-insensitive, surrounding whitespace ignored).</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out Variant variant)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        variant = All.FirstOrDefault(v => string.Equals(v.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        return variant is not null;
    }
}
