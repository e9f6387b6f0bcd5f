namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>The repository root (the nearest folder above the test's bin folder that holds ConformanceKit.sln),
/// for the real suites/ and for reports/screenshots/.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Suites => Path.Combine(Root, "suites");

    /// <summary>Where the tests leave their screenshots: reports/ holds generated files only (git ignores them).</summary>
    public static string Screenshots => Path.Combine(Root, "reports", "screenshots");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ConformanceKit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ConformanceKit.sln above {AppContext.BaseDirectory}.");
    }
}
