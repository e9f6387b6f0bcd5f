namespace ConformanceKit.Cli;

/// <summary>Where files are when the command line does not say: relative to the working directory, as the
/// README's commands are run from the repository root; failing that, the copies installed with the tool
/// (<c>targets.json</c> and <c>suites/</c> beside its assembly), so <c>conformancekit run --target reference</c>
/// works from an empty folder.</summary>
public static class DefaultPaths
{
    public const string TargetsFileName = "targets.json";
    public const string SuitesFolderName = "suites";
    public const string ReportsDirectory = "reports";

    /// <summary><c>targets.json</c> in the working directory, or the tool's own.</summary>
    public static string TargetsFile => File.Exists(TargetsFileName) ? TargetsFileName : Installed(TargetsFileName, File.Exists) ?? TargetsFileName;

    /// <summary>The suites folder beside the targets file, or in the working directory, or the tool's own.</summary>
    public static string SuitesFor(string targetsFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(targetsFile)) ?? ".";
        var beside = Path.Combine(folder, SuitesFolderName);
        return Directory.Exists(beside) ? beside
            : Directory.Exists(SuitesFolderName) ? SuitesFolderName
            : Installed(SuitesFolderName, Directory.Exists) ?? SuitesFolderName;
    }

    private static string? Installed(string name, Func<string, bool> exists)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return exists(path) ? path : null;
    }
}
