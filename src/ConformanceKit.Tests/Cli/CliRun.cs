using System.Text.Json;
using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary>Runs the conformancekit command in-process with captured output, in a temp folder of its own
/// for reports, and reads back what it wrote.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ck-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string ReportRoot => Path.Combine(Folder, "reports");

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }

    /// <summary><c>run</c> against a target of the given targets file (default: the repository's), with the
    /// repository's suites and this run's report folder.</summary>
    public Task<int> RunTargetAsync(string target, string? targetsFile = null, params string[] extra) =>
        RunAsync(["run", "--target", target, "--targets", targetsFile ?? RepositoryPaths.TargetsFile, "--suite", RepositoryPaths.Suites, "--report", ReportRoot, .. extra]);

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public JsonDocument Results(string target) => JsonDocument.Parse(File.ReadAllText(Path.Combine(ReportRoot, target, "results.json")));

    public string Report(string target) => File.ReadAllText(Path.Combine(ReportRoot, target, "index.html"));

    public static Dictionary<string, string> Verdicts(JsonDocument results) =>
        results.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("verdict").GetString()!);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
