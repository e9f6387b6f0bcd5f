using System.Globalization;
using ConformanceKit.Http;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// Writes the validator fields of every response: ETag (RFC 9110 8.8.3) and Last-Modified (8.8.2) with the
/// Date it is clamped to. The one place where their form is decided, so the defects that bend it live here.
/// The texts of the last entity-tag and Last-Modified are kept, since under load the same ones go out again and again.
/// </summary>
internal sealed class ValidatorFields(DefectSet defects, TimeProvider timeProvider, ResponseDate responseDate)
{
    private readonly HttpDateText lastModifiedText = new();
    private long responseSerial;
    private ETagText? lastETag;

    /// <summary>Sets ETag, unless <paramref name="tag"/> is null (the representation has none).</summary>
    public void WriteETag(HttpResponse response, EntityTag? tag)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (tag is null || defects.Has(Defects.ETagNotSent))
        {
            return;
        }

        if (defects.Has(Defects.ETagChangesEveryResponse))
        {
            var opaque = string.Create(CultureInfo.InvariantCulture, $"{tag.Opaque}.{Interlocked.Increment(ref responseSerial)}");
            tag = tag.IsWeak ? EntityTag.Weak(opaque) : EntityTag.Strong(opaque);
        }

        response.Headers.ETag = defects.Has(Defects.UnquotedETag) ? tag.Opaque : Text(tag);
    }

    /// <summary>Sets Date to now and Last-Modified to <paramref name="lastModified"/>, clamped to Date
    /// (8.8.2.1: an origin server does not send a Last-Modified later than its Date); no Last-Modified when
    /// <paramref name="lastModified"/> is null (the representation has no modification date).</summary>
    public void WriteLastModified(HttpResponse response, DateTimeOffset? lastModified)
    {
        ArgumentNullException.ThrowIfNull(response);
        var date = HttpDate.Truncate(timeProvider.GetUtcNow());
        response.Headers.Date = responseDate.Format(date);
        if (lastModified is not { } modified || defects.Has(Defects.LastModifiedNotSent))
        {
            return;
        }

        // Defect last-modified-in-future: a clock an hour ahead, and no clamp.
        var sent = defects.Has(Defects.LastModifiedInFuture) ? modified.AddHours(1)
            : modified > date ? date
            : modified;
        response.Headers.LastModified = defects.Has(Defects.LastModifiedNotHttpDate)
            ? sent.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : lastModifiedText.Format(sent);
    }

    /// <summary>The field value of <paramref name="tag"/>, kept for the tag last written.</summary>
    private string Text(EntityTag tag)
    {
        var cached = Volatile.Read(ref lastETag);
        if (cached is not null && ReferenceEquals(cached.Tag, tag))
        {
            return cached.Text;
        }

        var text = tag.ToString();
        Volatile.Write(ref lastETag, new ETagText(tag, text));
        return text;
    }

    private sealed record ETagText(EntityTag Tag, string Text);
}
