namespace ConformanceKit.Suites.Tests;

/// <summary>Finds targets.json and suites/ from the test's bin folder: the repository root is the nearest
/// folder above that holds ConformanceKit.sln. CONFORMANCE_TARGETS overrides the targets file.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TargetsFile =>
        Environment.GetEnvironmentVariable("CONFORMANCE_TARGETS") is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(Root, "targets.json");

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

        throw new InvalidOperationException($"No ConformanceKit.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
