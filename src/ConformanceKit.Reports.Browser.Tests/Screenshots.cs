namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>Where the browser tests leave their pictures: <c>reports/screenshots/</c> under the repository root.</summary>
internal static class Screenshots
{
    /// <summary>While a picture is taken the filter bar stays in its place, instead of sticking over what is shot.</summary>
    public const string Style = ".filters{position:static!important}";

    public static string PathOf(string name)
    {
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
        return Path.Combine(RepositoryPaths.Screenshots, name);
    }
}
