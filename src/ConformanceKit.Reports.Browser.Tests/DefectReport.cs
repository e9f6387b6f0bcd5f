using System.Diagnostics;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// Real reports to open: the whole catalog (suites/) run in-process against the in-box reference server with
/// two defects (<c>write-preconditions-ignored</c>, <c>not-modified-without-etag</c>) and against the correct
/// one, each on its own loopback server, written as the run command writes them (results.json and index.html
/// per target, then the cross-target index) to a temp folder.
/// </summary>
public sealed class DefectReport : IAsyncLifetime
{
    public const string DefectTarget = "reference-defects";
    public const string CorrectTarget = "reference";

    public static readonly string[] Defects = ["write-preconditions-ignored", "not-modified-without-etag"];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ck-browser-" + Guid.NewGuid().ToString("N"));

    public RunResult Run { get; private set; } = null!;

    public RunResult CorrectRun { get; private set; } = null!;

    public string ReportPath => Path.Combine(Folder, DefectTarget, "index.html");

    public string ReportUrl => new Uri(ReportPath).AbsoluteUri;

    public string IndexUrl => new Uri(Path.Combine(Folder, CrossTargetIndex.FileName)).AbsoluteUri;

    public TimeSpan Elapsed { get; private set; }

    /// <summary>The checks that break the default gate (fail or error).</summary>
    public IReadOnlyList<CheckResult> Failing => Run.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Error).ToList();

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);
        var withDefects = RunAsync(TargetDefinition.InBoxReference(DefectTarget, Defects, "browser tests"), catalog, timeout.Token);
        var correct = RunAsync(TargetDefinition.InBoxReference(CorrectTarget, [], "browser tests"), catalog, timeout.Token);
        Run = await withDefects;
        CorrectRun = await correct;
        foreach (var run in new[] { Run, CorrectRun })
        {
            JsonResultsWriter.Write(run, Path.Combine(Folder, run.Target, "results.json"));
            HtmlReportWriter.Write(run, Path.Combine(Folder, run.Target, "index.html"));
        }

        CrossTargetIndex.Write(Folder);
        Elapsed = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    private static async Task<RunResult> RunAsync(TargetDefinition target, IReadOnlyList<Scenario> catalog, CancellationToken cancellationToken)
    {
        await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, cancellationToken);
        return await ConformanceRun.ExecuteAsync(session, catalog, seed: 1, progress: null, cancellationToken);
    }
}
