using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>JSON validation and RFC 7396 JSON Merge Patch.</summary>
internal static class JsonContent
{
    // Duplicate member names are refused: RFC 8259 4 says names SHOULD be unique, and a merge patch
    // cannot say which duplicate it means.
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    // Strings the patch did not touch keep their characters instead of gaining \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when <paramref name="content"/> is one well-formed JSON text; otherwise the reason.</summary>
    public static bool TryValidate(ReadOnlyMemory<byte> content, out string? reason)
    {
        try
        {
            using var document = JsonDocument.Parse(content, DocumentOptions);
            reason = null;
            return true;
        }
        catch (JsonException e)
        {
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Applies a merge patch (RFC 7396 section 2) to a document. Both must be valid JSON (see
    /// <see cref="TryValidate"/>); the result is written compactly.</summary>
    public static byte[] MergePatch(ReadOnlyMemory<byte> target, ReadOnlyMemory<byte> patch)
    {
        var targetNode = JsonNode.Parse(target.Span, documentOptions: DocumentOptions);
        var patchNode = JsonNode.Parse(patch.Span, documentOptions: DocumentOptions);
        var result = Merge(targetNode, patchNode);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                result.WriteTo(writer);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    // RFC 7396 MergePatch(Target, Patch): a non-object patch replaces the target; an object patch turns a
    // non-object target into {}, removes members whose patch value is null and merges the others.
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var targetObject = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                targetObject.Remove(name);
            }
            else if (value is JsonObject && targetObject[name] is JsonObject existing)
            {
                Merge(existing, value); // merges in place; the member keeps its node
            }
            else
            {
                targetObject[name] = Merge(null, value);
            }
        }

        return targetObject;
    }
}
