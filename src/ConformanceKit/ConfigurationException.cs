namespace ConformanceKit;

/// <summary>Bad input in a configuration or scenario file: names the file, the JSON path and the reason.
/// The command line maps it to exit code 2.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string file, string jsonPath, string reason)
        : base($"{file}: {jsonPath}: {reason}")
    {
        File = file;
        JsonPath = jsonPath;
        Reason = reason;
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
}
