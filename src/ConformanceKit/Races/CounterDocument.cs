using System.Text.Json;
using System.Text.Json.Nodes;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Races;

/// <summary>
/// The document the read-modify-write workload edits: a JSON object whose <c>counter</c> member counts the
/// increments applied, with who wrote it and a generated edit, so every write's content differs.
/// </summary>
public static class CounterDocument
{
    public const string CounterMember = "counter";

    public static string Initial { get; } = """{"counter":0}""";

    /// <summary>The counter of a document as read back, or null when the body is not a JSON object with an
    /// integer <c>counter</c> (e.g. the server does not give back what was written).</summary>
    public static long? TryRead(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(CounterMember, out var counter)
                && counter.ValueKind == JsonValueKind.Number
                && counter.TryGetInt64(out var value)
                    ? value
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The counter of a document given as UTF-8 bytes (as read from the wire); see <see cref="TryRead(string?)"/>.</summary>
    public static long? TryRead(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            long? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCounter = reader.ValueTextEquals(CounterMember);
                if (!reader.Read())
                {
                    return null;
                }

                if (isCounter && found is null)
                {
                    found = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : null;
                    if (found is null)
                    {
                        return null;
                    }
                }

                reader.Skip();
            }

            // The whole document must be JSON, as TryRead(string) demands.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? found : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The document after one increment by <paramref name="client"/>, with a generated edit named
    /// after the client, iteration and attempt.</summary>
    public static string Next(long counter, string client, int iteration, int attempt, DocumentFactory documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var edit = JsonNode.Parse(documents.Get($"{client}/{iteration}/{attempt}"));
        var next = new JsonObject
        {
            [CounterMember] = counter,
            ["by"] = client,
            ["edit"] = edit,
        };
        return next.ToJsonString();
    }
}
