using ConformanceKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Preconditions;

/// <summary>
/// The validator of an If-Range field (RFC 9110 13.1.5): an entity-tag or an HTTP-date. Both null means
/// the value was neither, which evaluates as a validator that does not match.
/// </summary>
internal readonly record struct IfRangeValidator(EntityTag? Tag, DateTimeOffset? Date);

/// <summary>
/// The precondition fields of one request, read once. A present but malformed If-Match or If-None-Match
/// makes the request invalid (400, reported by <see cref="TryRead"/>); invalid dates are ignored, as
/// RFC 9110 13.1.3 and 13.1.4 require; an If-Range that is neither form evaluates false.
/// </summary>
internal sealed class RequestConditions
{
    public static RequestConditions None { get; } = new();

    public EntityTagCondition? IfMatch { get; private init; }

    public EntityTagCondition? IfNoneMatch { get; private init; }

    /// <summary>Null when absent or not a single valid HTTP-date (then ignored, 13.1.4).</summary>
    public DateTimeOffset? IfUnmodifiedSince { get; private init; }

    /// <summary>Null when absent or not a single valid HTTP-date (then ignored, 13.1.3).</summary>
    public DateTimeOffset? IfModifiedSince { get; private init; }

    public IfRangeValidator? IfRange { get; private init; }

    public bool HasRange { get; private init; }

    /// <summary>Whether the request carries a precondition that can protect a write (RFC 6585 section 3).
    /// An invalid If-Unmodified-Since does not count: it is ignored, so it protects nothing.</summary>
    public bool ProtectsWrite => IfMatch is not null || IfNoneMatch is not null || IfUnmodifiedSince is not null;

    /// <summary>Whether any precondition field is present (valid or not), RFC 9110 13.1.</summary>
    public bool IsConditional { get; private init; }

    /// <summary>Reads the precondition fields. <paramref name="defects"/> selects the deviations that live in
    /// parsing: list members dropped, obsolete date formats refused, invalid dates read as a date. With a
    /// <paramref name="cache"/> (one per server, so per defect set), an If-Match or If-None-Match value the same as
    /// the last one is not parsed again.</summary>
    public static bool TryRead(IHeaderDictionary headers, DateTimeOffset now, DefectSet defects, out RequestConditions conditions, out string? error,
        ConditionCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(defects);
        conditions = None;
        var (ifMatchLines, ifNoneMatchLines) = (headers[HeaderNames.IfMatch], headers[HeaderNames.IfNoneMatch]);
        var (ifModifiedSinceLines, ifUnmodifiedSinceLines, ifRangeLines) = (headers[HeaderNames.IfModifiedSince], headers[HeaderNames.IfUnmodifiedSince], headers[HeaderNames.IfRange]);
        if (!TryReadTagCondition(ifMatchLines, defects, cache?.IfMatch, out var ifMatch))
        {
            error = "The If-Match field is neither \"*\" nor a comma-separated list of entity-tags (RFC 9110 13.1.1).";
            return false;
        }

        if (!TryReadTagCondition(ifNoneMatchLines, defects, cache?.IfNoneMatch, out var ifNoneMatch))
        {
            error = "The If-None-Match field is neither \"*\" nor a comma-separated list of entity-tags (RFC 9110 13.1.2).";
            return false;
        }

        // 13.1.3 and 13.1.4: an invalid date is ignored (null). Defects invalid-date-as-now and
        // invalid-date-fails-precondition read it as a date instead: now, or the earliest date there is.
        DateTimeOffset? invalidModifiedSince = defects.Has(Defects.InvalidDateAsNow) ? now : null;
        DateTimeOffset? invalidUnmodifiedSince = defects.Has(Defects.InvalidDateFailsPrecondition) ? DateTimeOffset.MinValue : null;

        error = null;
        conditions = new RequestConditions
        {
            IfMatch = ifMatch,
            IfNoneMatch = ifNoneMatch,
            IfUnmodifiedSince = ReadSingleDate(ifUnmodifiedSinceLines, now, defects, invalidUnmodifiedSince),
            IfModifiedSince = ReadSingleDate(ifModifiedSinceLines, now, defects, invalidModifiedSince),
            IfRange = ReadIfRange(ifRangeLines, now, defects),
            HasRange = headers[HeaderNames.Range].Count > 0,
            IsConditional = ifMatchLines.Count > 0 || ifNoneMatchLines.Count > 0 || ifModifiedSinceLines.Count > 0
                || ifUnmodifiedSinceLines.Count > 0 || ifRangeLines.Count > 0,
        };
        return true;
    }

    private static bool TryReadTagCondition(StringValues lines, DefectSet defects, ConditionCache.Slot? cache, out EntityTagCondition? condition)
    {
        condition = null;
        if (lines.Count == 0)
        {
            return true;
        }

        var single = lines.Count == 1 ? lines[0] ?? string.Empty : null;
        if (single is not null && cache?.Find(single) is { } known)
        {
            condition = known;
            return true;
        }

        var valid = single is not null
            ? EntityTagCondition.TryParse(single, out var parsed)
            : EntityTagCondition.TryParse(lines.Select(line => line ?? string.Empty), out parsed);
        if (!valid)
        {
            return false;
        }

        // Defect entity-tag-list-first-only: a reader that stops after the first list member.
        condition = defects.Has(Defects.EntityTagListFirstOnly) && parsed.Tags.Count > 1
            ? EntityTagCondition.Of(parsed.Tags[0])
            : parsed;
        if (single is not null)
        {
            cache?.Keep(single, condition);
        }

        return true;
    }

    // One member only: several field lines, or a value that is not exactly one HTTP-date (a list of dates
    // fails the fixed-length formats), make the field invalid. An absent field is always null.
    private static DateTimeOffset? ReadSingleDate(StringValues lines, DateTimeOffset now, DefectSet defects, DateTimeOffset? whenInvalid)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        return lines.Count == 1 && TryParseDate(lines[0]?.Trim(), now, defects, out var date) ? date : whenInvalid;
    }

    // RFC 9110 5.6.7: a recipient accepts all three HTTP-date formats. Defect imf-fixdate-only accepts a
    // date only in the form a sender generates, so the obsolete RFC 850 and asctime forms are invalid.
    private static bool TryParseDate(string? text, DateTimeOffset now, DefectSet defects, out DateTimeOffset date) =>
        HttpDate.TryParse(text, now, out date)
        && (!defects.Has(Defects.ImfFixdateOnly) || string.Equals(HttpDate.Format(date), text, StringComparison.Ordinal));

    // RFC 9110 13.1.5: an entity-tag starts with DQUOTE (or W/ DQUOTE); anything else must be an HTTP-date.
    private static IfRangeValidator? ReadIfRange(StringValues lines, DateTimeOffset now, DefectSet defects)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        if (lines.Count > 1)
        {
            return new IfRangeValidator(null, null);
        }

        var value = (lines[0] ?? string.Empty).Trim();
        if (EntityTag.TryParse(value, out var tag))
        {
            return new IfRangeValidator(tag, null);
        }

        return TryParseDate(value, now, defects, out var date)
            ? new IfRangeValidator(null, date)
            : new IfRangeValidator(null, null);
    }
}
