namespace ConformanceKit.RealServers;

/// <summary>A server or peer tool that is not installed. The message names the Debian package that provides
/// it, so a test that fails on it says what to install.</summary>
public sealed class MissingToolException : Exception
{
    public MissingToolException(string tool, string aptPackage, IEnumerable<string> searched)
        : base($"{tool} is not installed (looked for '{tool}' in {string.Join(", ", searched)}): " +
               $"install the Debian package '{aptPackage}' (apt-get install -y {aptPackage}).")
    {
        Tool = tool;
        AptPackage = aptPackage;
    }

    public MissingToolException()
    {
        Tool = AptPackage = "";
    }

    public MissingToolException(string message)
        : base(message)
    {
        Tool = AptPackage = "";
    }

    public MissingToolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Tool = AptPackage = "";
    }

    /// <summary>The executable's name, e.g. <c>nginx</c>.</summary>
    public string Tool { get; }

    /// <summary>The Debian package to install, e.g. <c>nginx</c>.</summary>
    public string AptPackage { get; }
}
