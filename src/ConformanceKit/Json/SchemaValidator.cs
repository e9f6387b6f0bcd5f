using System.Text;
using System.Text.Json;
using Json.Schema;

namespace ConformanceKit.Json;

/// <summary>Validates a document against one of our JSON Schemas and turns the most specific error into a
/// <see cref="ConfigurationException"/> (file, JSON path, reason).</summary>
public sealed class SchemaValidator
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };
    private readonly JsonSchema _schema;

    private SchemaValidator(JsonSchema schema) => _schema = schema;

    /// <summary>A schema embedded in the ConformanceKit assembly under its file name.</summary>
    public static SchemaValidator FromResource(string name)
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return new SchemaValidator(JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    }

    public void Validate(string file, JsonElement instance)
    {
        var results = _schema.Evaluate(instance, Options);
        if (results.IsValid)
        {
            return;
        }

        var errors = Failures(results).ToList();
        if (errors.Count == 0)
        {
            throw new ConfigurationException(file, "$", "does not match the schema");
        }

        // The deepest location is the most specific; among equals, a concrete keyword beats a type mismatch
        // (usually a oneOf branch meant for another type), which beats oneOf's summary.
        var worst = errors
            .OrderByDescending(e => Depth(e.Location))
            .ThenBy(e => e.Keyword switch { "oneOf" or "anyOf" => 2, "type" => 1, _ => 0 })
            .First();
        throw new ConfigurationException(file, ToJsonPath(worst.Location), Explain(worst.Keyword, worst.Message));
    }

    /// <summary>Errors of failed evaluations only: a subschema that passed (a oneOf with one matching branch)
    /// still lists its failed branches, which say nothing wrong about the document.</summary>
    private static IEnumerable<(string Location, string Keyword, string Message)> Failures(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        foreach (var error in node.Errors ?? new Dictionary<string, string>())
        {
            yield return (node.InstanceLocation.ToString(), error.Key, error.Value);
        }

        foreach (var failure in (node.Details ?? []).SelectMany(Failures))
        {
            yield return failure;
        }
    }

    // additionalProperties: false reports the false schema with an empty keyword.
    private static string Explain(string keyword, string message) => keyword switch
    {
        "" or "false" or "additionalProperties" when message.Contains("false schema", StringComparison.OrdinalIgnoreCase) => "unknown field",
        _ => message.TrimEnd('.'),
    };

    private static int Depth(string pointer) => pointer.Count(c => c == '/');

    /// <summary>JSON Pointer (<c>/scenarios/2/id</c>) to the JSON path style of our messages (<c>$.scenarios[2].id</c>).</summary>
    public static string ToJsonPath(string jsonPointer)
    {
        var path = new StringBuilder("$");
        foreach (var segment in jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (name.All(char.IsAsciiDigit))
            {
                path.Append('[').Append(name).Append(']');
            }
            else
            {
                path.Append('.').Append(name);
            }
        }

        return path.ToString();
    }
}
