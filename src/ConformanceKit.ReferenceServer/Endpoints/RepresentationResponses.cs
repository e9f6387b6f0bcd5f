using System.Globalization;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>Sends a selected representation: 200, 206 or 416 for GET, headers only for HEAD.</summary>
internal sealed class RepresentationResponses(ValidatorFields validators)
{
    public const string CacheControl = "no-cache";

    /// <param name="context">The exchange.</param>
    /// <param name="representation">The selected representation.</param>
    /// <param name="applyRange">Whether a Range field survived the preconditions (RFC 9110 13.2.2 step 5).</param>
    public async Task WriteAsync(HttpContext context, Representation representation, bool applyRange)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(representation);
        var request = context.Request;
        var response = context.Response;
        var content = representation.Content;
        var length = content.Length;

        var range = applyRange && request.Headers.Range.Count == 1
            ? ByteRangeRequest.Resolve(request.Headers.Range[0], length)
            : default;

        if (range.Kind == ByteRangeKind.Unsatisfiable)
        {
            // RFC 9110 15.5.17: 416 with the current length, so the client can ask again.
            response.Headers.ContentRange = $"bytes */{length.ToString(CultureInfo.InvariantCulture)}";
            await Problem.WriteAsync(
                context,
                StatusCodes.Status416RangeNotSatisfiable,
                "Range Not Satisfiable",
                $"No byte of the requested range is within the representation's {length} bytes.").ConfigureAwait(false);
            return;
        }

        WriteMetadata(response, representation);
        response.Headers.AcceptRanges = "bytes";

        if (range.Kind == ByteRangeKind.Satisfiable)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = string.Create(
                CultureInfo.InvariantCulture,
                $"bytes {range.First}-{range.Last}/{length}");
            content = content.Slice((int)range.First, (int)range.Length);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }

        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Content-Type, ETag, Last-Modified (with Date) and Cache-Control of a representation.</summary>
    public void WriteMetadata(HttpResponse response, Representation representation)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(representation);
        response.ContentType = representation.MediaType;
        response.Headers.CacheControl = CacheControl;
        WriteValidators(response, representation);
    }

    /// <summary>The validators of a representation just written (RFC 9110 9.3.4 for PUT).</summary>
    public void WriteValidators(HttpResponse response, Representation representation)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(representation);
        validators.WriteETag(response, representation.ETag);
        validators.WriteLastModified(response, representation.LastModified);
    }
}
