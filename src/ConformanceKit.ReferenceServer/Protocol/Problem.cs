using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>Writes RFC 9457 problem details (<c>application/problem+json</c>) explaining an error status.</summary>
internal static class Problem
{
    // Problem bodies are read by people: keep quotes and non-ASCII characters readable. They are never
    // embedded in HTML by us, which is what the default encoder's extra escaping guards against.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Answers <paramref name="status"/> with its standard reason phrase as the title.</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        WriteAsync(context, status, ReasonPhrases.GetReasonPhrase(status), detail);

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = MediaTypes.ProblemJson;
        var body = Serialize(status, title, detail, field);
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static ReadOnlyMemory<byte> Serialize(int status, string title, string detail, string? field)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "about:blank");
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            if (field is not null)
            {
                writer.WriteString("field", field);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
