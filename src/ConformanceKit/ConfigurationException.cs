namespace ConformanceKit;

/// <summary>Bad input in a configuration or scenario file: names the file, the line and column when known,
/// the JSON path and the reason (<c>FILE:LINE:COLUMN: $.path: reason</c>, or <c>FILE: $.path: reason</c>
/// for a problem of the whole file). The command line maps it to exit code 2.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string file, string jsonPath, string reason)
        : this(file, jsonPath, reason, null)
    {
    }

    public ConfigurationException(string file, string jsonPath, string reason, Json.TextPosition? position)
        : base(position is { } at ? $"{file}:{at.Line}:{at.Column}: {jsonPath}: {reason}" : $"{file}: {jsonPath}: {reason}")
    {
        File = file;
        JsonPath = jsonPath;
        Reason = reason;
        Position = position;
    }

    public ConfigurationException()
        : this("(unknown file)", "$", "invalid configuration")
    {
    }

    public ConfigurationException(string message)
        : this("(unknown file)", "$", message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(unknown file)";
        JsonPath = "$";
        Reason = message;
    }

    public string File { get; }

    public string JsonPath { get; }

    public string Reason { get; }

    /// <summary>Where in the file the offending value (or the object lacking a field) starts, when known.</summary>
    public Json.TextPosition? Position { get; }
}
