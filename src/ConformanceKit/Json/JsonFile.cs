using System.Text;
using System.Text.Json;

namespace ConformanceKit.Json;

/// <summary>Reads our data files: JSON with comments and trailing commas allowed. Syntax errors become a
/// <see cref="ConfigurationException"/> naming the file, line, column and reason.</summary>
public static class JsonFile
{
    public static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and parses a file, with the line map of its values.</summary>
    public static JsonSource Read(string path)
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

    public static JsonSource Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var position = new TextPosition(line + 1, CharacterColumn(text, line, (int)(e.BytePositionInLine ?? 0)));
            throw new ConfigurationException(path, "$", $"not valid JSON: {FirstSentence(e.Message)}", position);
        }

        return new JsonSource(path, document, JsonPositions.Of(text, Options));
    }

    /// <summary>An error at <paramref name="jsonPath"/> of a file already read (e.g. found later, on the values
    /// loaded from it), with the line of that path: the file is read again to find it. Without a readable file,
    /// or when the file changed so that it no longer parses, the error has no line.</summary>
    public static ConfigurationException ErrorAt(string path, string jsonPath, string reason)
    {
        try
        {
            using var source = Parse(path, File.ReadAllText(path));
            return source.ErrorAt(jsonPath, reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigurationException)
        {
            return new ConfigurationException(path, jsonPath, reason);
        }
    }

    // JsonException counts bytes within the line; our columns count characters.
    private static int CharacterColumn(string text, int lineIndex, int bytesInLine)
    {
        var start = 0;
        for (var i = 0; i < lineIndex && start >= 0; i++)
        {
            start = text.IndexOf('\n', start) is var next and >= 0 ? next + 1 : -1;
        }

        if (start < 0)
        {
            return bytesInLine + 1;
        }

        var end = text.IndexOf('\n', start);
        var line = Encoding.UTF8.GetBytes(end < 0 ? text[start..] : text[start..end]);
        return Encoding.UTF8.GetCharCount(line, 0, Math.Min(bytesInLine, line.Length)) + 1;
    }

    // One line: the parser quotes the rest of a bad literal's line, line break included.
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? message[..end] : message.TrimEnd('.');
        return sentence.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
