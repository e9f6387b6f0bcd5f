namespace ConformanceKit.Cli;

/// <summary>Where files are when the command line does not say: relative to the working directory, as the
/// README's commands are run from the repository root.</summary>
public static class DefaultPaths
{
    public const string TargetsFile = "targets.json";
    public const string ReportsDirectory = "reports";

    /// <summary>The suites folder beside the targets file (or in the working directory).</summary>
    public static string SuitesFor(string targetsFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(targetsFile)) ?? ".";
        var beside = Path.Combine(folder, "suites");
        return Directory.Exists(beside) ? beside : "suites";
    }
}
