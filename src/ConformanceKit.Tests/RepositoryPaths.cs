namespace ConformanceKit.Tests;

/// <summary>The repository root (the nearest folder above the test's bin folder that holds ConformanceKit.sln),
/// so tests read the real targets.json and suites/.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TargetsFile => Path.Combine(Root, "targets.json");

    public static string Suites => Path.Combine(Root, "suites");

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
