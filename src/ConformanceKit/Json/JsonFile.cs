using System.Text.Json;

namespace ConformanceKit.Json;

/// <summary>Reads our data files: JSON with comments and trailing commas allowed. Syntax errors become a
/// <see cref="ConfigurationException"/> naming the file, line and reason.</summary>
public static class JsonFile
{
    public static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonDocument Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(path, "$", $"cannot read the file: {e.Message}");
        }

        return Parse(path, text);
    }

    public static JsonDocument Parse(string path, string text)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new ConfigurationException(path, "$", $"not valid JSON at line {line}, column {column}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
