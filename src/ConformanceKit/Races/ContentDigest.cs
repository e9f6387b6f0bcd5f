using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ConformanceKit.Races;

/// <summary>
/// A short fingerprint of some content: the first <see cref="HexLength"/> hex digits of its SHA-256. Content
/// that parses as JSON is fingerprinted in a canonical form (no insignificant whitespace, object members
/// sorted by name, strings re-escaped), so a server that stores a document as parsed JSON rather than as the
/// bytes it received still gives back the same fingerprint; anything else is fingerprinted as UTF-8 bytes.
/// Invariant: <see cref="Hex"/> is exactly <see cref="HexLength"/> lowercase hex digits.
/// </summary>
public sealed record ContentDigest
{
    public const int HexLength = 16;

    private ContentDigest(string hex) => Hex = hex;

    public string Hex { get; }

    public static ContentDigest Of(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = Encoding.UTF8.GetBytes(content);
        return OfBytes(TryCanonicalJson(bytes) ?? bytes);
    }

    /// <summary>The digest of content given as UTF-8 bytes (as read from the wire): the same as <see cref="Of"/> of
    /// its text.</summary>
    public static ContentDigest OfUtf8(ReadOnlySpan<byte> content)
    {
        var bytes = content.ToArray();
        return OfBytes(TryCanonicalJson(bytes) ?? bytes);
    }

    public override string ToString() => Hex;

    private static ContentDigest OfBytes(ReadOnlySpan<byte> bytes) =>
        new(Convert.ToHexStringLower(SHA256.HashData(bytes))[..HexLength]);

    private static byte[]? TryCanonicalJson(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCanonical(document.RootElement, writer);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    WriteCanonical(member.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            default:
                // Numbers keep their text (1.0 and 1 stay different); true, false and null are fixed words.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
