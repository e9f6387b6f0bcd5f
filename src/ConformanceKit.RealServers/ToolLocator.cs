namespace ConformanceKit.RealServers;

/// <summary>Finds an executable on PATH and in the sbin folders (a non-root PATH often lacks
/// /usr/sbin, where Debian puts nginx and apache2).</summary>
internal static class ToolLocator
{
    private static readonly string[] ExtraFolders = ["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin"];

    /// <summary>The full path of <paramref name="tool"/>; <paramref name="explicitPath"/> wins when given.</summary>
    /// <exception cref="MissingToolException">not found; the message names <paramref name="aptPackage"/>.</exception>
    public static string Find(string tool, string aptPackage, string? explicitPath = null)
    {
        if (explicitPath is not null)
        {
            return IsExecutable(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new MissingToolException(tool, aptPackage, [explicitPath]);
        }

        foreach (var folder in Folders())
        {
            var candidate = Path.Combine(folder, tool);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new MissingToolException(tool, aptPackage, ["PATH", .. ExtraFolders]);
    }

    private static List<string> Folders()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return [.. path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraFolders).Distinct(StringComparer.Ordinal)];
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
