using System.Text;
using System.Text.Json;
using Json.Schema;

namespace ConformanceKit.Json;

/// <summary>Validates a document against one of our JSON Schemas and turns its errors into
/// <see cref="ConfigurationException"/>s (file, line, JSON path, reason). An unknown field lists the fields
/// the schema knows at that place.</summary>
public sealed class SchemaValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };
    private readonly JsonSchema _schema;
    private readonly JsonElement _schemaText;

    private SchemaValidator(JsonSchema schema, JsonElement schemaText)
    {
        _schema = schema;
        _schemaText = schemaText;
    }

    /// <summary>A schema embedded in the ConformanceKit assembly under its file name.</summary>
    public static SchemaValidator FromResource(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        using var document = JsonDocument.Parse(text);
        return new SchemaValidator(JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), document.RootElement.Clone());
    }

    /// <summary>Throws the most specific error, if any.</summary>
    public void Validate(JsonSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var problems = Problems(source);
        if (problems.Count > 0)
        {
            throw problems[0];
        }
    }

    /// <summary>Every error, most specific first: one per JSON path, the deepest paths first, and no summary
    /// (oneOf, anyOf) of a place that has a more specific error below it.</summary>
    public IReadOnlyList<ConfigurationException> Problems(JsonSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var instance = source.Document.RootElement;
        var results = _schema.Evaluate(instance, Options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = Failures(results).ToList();
        if (errors.Count == 0)
        {
            return [source.ErrorAt("$", "does not match the schema")];
        }

        // The deepest location is the most specific; among equals, a concrete keyword beats a type mismatch
        // (usually a oneOf branch meant for another type), which beats oneOf's summary.
        var best = errors
            .GroupBy(e => e.Location, StringComparer.Ordinal)
            .Select(g => g.OrderBy(e => Rank(e.Keyword)).First())
            .ToList();
        return best
            .Where(e => Rank(e.Keyword) < 2 || !best.Any(other => other.Location.StartsWith(e.Location + "/", StringComparison.Ordinal)))
            .OrderByDescending(e => Depth(e.Location))
            .ThenBy(e => Rank(e.Keyword))
            .Select(e => source.ErrorAt(ToJsonPath(e.Location, instance), Explain(e)))
            .ToList();
    }

    private static int Rank(string keyword) => keyword switch { "oneOf" or "anyOf" => 2, "type" => 1, _ => 0 };

    /// <summary>Errors of failed evaluations only: a subschema that passed (a oneOf with one matching branch)
    /// still lists its failed branches, which say nothing wrong about the document.</summary>
    private static IEnumerable<Failure> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            yield return new Failure(node.InstanceLocation.ToString(), error.Key, error.Value, node.SchemaLocation);
        }

        foreach (var failure in (node.Details ?? []).SelectMany(Failures))
        {
            yield return failure;
        }
    }

    // additionalProperties: false reports the false schema with an empty keyword.
    private string Explain(Failure failure) => failure.Keyword switch
    {
        "" or "false" or "additionalProperties" when failure.Message.Contains("false schema", StringComparison.OrdinalIgnoreCase) =>
            KnownFields(failure.SchemaLocation) is { Count: > 0 } known
                ? $"unknown field (known fields here: {string.Join(", ", known)})"
                : "unknown field",
        _ => failure.Message.TrimEnd('.'),
    };

    /// <summary>The <c>properties</c> of the schema object whose <c>additionalProperties: false</c> failed,
    /// found from the failing schema location (<c>...#/$defs/target/additionalProperties/...</c>).</summary>
    private List<string> KnownFields(Uri schemaLocation)
    {
        var pointer = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        var cut = pointer.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
        if (cut < 0)
        {
            return [];
        }

        var node = _schemaText;
        foreach (var segment in pointer[..cut].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return [];
            }
        }

        return node.ValueKind == JsonValueKind.Object && node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties.EnumerateObject().Select(p => p.Name).Where(n => n != "$schema").ToList()
            : [];
    }

    private static int Depth(string pointer) => pointer.Count(c => c == '/');

    /// <summary>JSON Pointer (<c>/scenarios/2/id</c>) to the JSON path style of our messages (<c>$.scenarios[2].id</c>).
    /// A segment is an index only where the instance has an array (a member may be named "123").</summary>
    public static string ToJsonPath(string jsonPointer, JsonElement instance)
    {
        ArgumentNullException.ThrowIfNull(jsonPointer);
        var path = new StringBuilder("$");
        var node = (JsonElement?)instance;
        foreach (var segment in jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node is { ValueKind: JsonValueKind.Array } array && int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                path.Append('[').Append(name).Append(']');
                node = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                path.Append('.').Append(name);
                node = node is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var child) ? child : null;
            }
        }

        return path.ToString();
    }

    private sealed record Failure(string Location, string Keyword, string Message, Uri SchemaLocation);
}
