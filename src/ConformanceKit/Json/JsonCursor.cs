using System.Text.Json;

namespace ConformanceKit.Json;

/// <summary>
/// A position in a JSON document (file + JSON path) with typed readers that fail with a
/// <see cref="ConfigurationException"/> naming the file, the path and the reason. Used after schema
/// validation too, so that a value the schema cannot judge still gets a precise error. With
/// <see cref="Positions"/> (the text's line map) errors also name the line and column.
/// </summary>
public readonly record struct JsonCursor(string File, string Path, JsonElement Element, JsonPositions? Positions = null)
{
    public static JsonCursor Root(string file, JsonElement element, JsonPositions? positions = null) => new(file, "$", element, positions);

    public JsonCursor Property(string name) => new(File, $"{Path}.{name}", Element.GetProperty(name), Positions);

    public JsonCursor Item(int index, JsonElement element) => new(File, $"{Path}[{index}]", element, Positions);

    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    public ConfigurationException Error(string reason) => ErrorAt(Path, reason);

    public ConfigurationException Error(string name, string reason) => ErrorAt($"{Path}.{name}", reason);

    /// <summary>An error at any path of this cursor's file (e.g. a step's field found from the scenario).</summary>
    public ConfigurationException ErrorAt(string jsonPath, string reason) => new(File, jsonPath, reason, Positions?.Find(jsonPath));

    public JsonCursor RequireObject()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Error($"must be an object, found {Describe(Element)}");
        }

        return this;
    }

    public JsonCursor? OptionalObject(string name)
    {
        RequireObject();
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return Property(name).RequireObject();
    }

    public string RequiredString(string name, string why)
    {
        RequireObject();
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Error(name, $"required field is missing ({why})");
        }

        return StringValue(Property(name));
    }

    public string? OptionalString(string name)
    {
        RequireObject();
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return StringValue(Property(name));
    }

    public bool? OptionalBool(string name)
    {
        RequireObject();
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, $"must be true or false, found {Describe(value)}"),
        };
    }

    public IEnumerable<JsonCursor> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Error($"must be an array, found {Describe(Element)}");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return Item(index++, item);
        }
    }

    public IEnumerable<(string Name, JsonCursor Value)> Members()
    {
        RequireObject();
        foreach (var property in Element.EnumerateObject())
        {
            yield return (property.Name, new JsonCursor(File, $"{Path}.{property.Name}", property.Value, Positions));
        }
    }

    /// <summary>Reports the first field that is not one of <paramref name="known"/>: a typo must not pass silently.</summary>
    public void RejectUnknown(params string[] known)
    {
        RequireObject();
        foreach (var property in Element.EnumerateObject())
        {
            if (property.Name != "$schema" && Array.IndexOf(known, property.Name) < 0)
            {
                throw Error(property.Name, $"unknown field (known fields here: {string.Join(", ", known)})");
            }
        }
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        _ => "null",
    };

    private static string StringValue(JsonCursor cursor)
    {
        if (cursor.Element.ValueKind != JsonValueKind.String)
        {
            throw cursor.Error($"must be a string, found {Describe(cursor.Element)}");
        }

        return cursor.Element.GetString()!;
    }
}
