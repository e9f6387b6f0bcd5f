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

    private const string NotText = "a string holds an unpaired UTF-16 surrogate escape (such as \\ud800), which is not text (RFC 8259 8.2)";

    /// <summary>True when <paramref name="content"/> is one well-formed JSON text whose strings are all text;
    /// otherwise the reason. A string with an unpaired surrogate escape (<c>"\ud800"</c>) is refused: RFC 8259
    /// 8.2 leaves its meaning unpredictable, and it cannot be read as a string (a merge patch reads every name
    /// and value, which threw and answered 500 before this check; the fuzz test found it).</summary>
    public static bool TryValidate(ReadOnlyMemory<byte> content, out string? reason)
    {
        try
        {
            using var document = JsonDocument.Parse(content, DocumentOptions);
        }
        catch (JsonException e)
        {
            reason = e.Message;
            return false;
        }
        catch (InvalidOperationException)
        {
            // The check for duplicate member names reads every name, and a name that is not text throws.
            reason = NotText;
            return false;
        }

        var reader = new Utf8JsonReader(content.Span);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    reason = NotText;
                    return false;
                }
            }
        }

        reason = null;
        return true;
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
