using System.Diagnostics;
using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.RealServers;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.RealServers;

/// <summary>
/// The full catalog against a real server (nginx, Apache httpd) started from the repo's configs on a free
/// loopback port, through its targets.json entry (only the port differs from the entry's), compared verdict by
/// verdict with the checked-in expectations for that server version (<see cref="ExpectedVerdicts"/>). Any
/// change fails with one line per check; a version without a file fails saying how to record one
/// (<see cref="ExpectedVerdicts.RecordVariable"/>=1), after which every new non-pass must be judged by hand.
/// A check whose verdict differs is run once more before it counts: a few verdicts depend on where a request
/// falls in the second (nginx's ETag is the modification second and the size; httpd's tag is weak for a second
/// after a write), and a real change repeats. Scenarios run 8 at once, so the steps that wait for a strong ETag
/// (about a second each on httpd) overlap: a server takes a few seconds.
/// </summary>
public abstract class RealServerCatalog(ITestOutputHelper output)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    /// <summary>The binary, which is also the targets.json entry's name: nginx, apache2.</summary>
    private protected abstract string Binary { get; }

    [Fact(Timeout = 180_000)]
    public async Task The_full_catalog_gives_the_verdicts_recorded_for_this_server_version()
    {
        using var bound = new CancellationTokenSource(Bound);
        await using var server = await RealServer.StartAsync(Binary, cancellationToken: bound.Token);
        var file = Path.Combine(ExpectedVerdicts.Folder, ExpectedVerdicts.FileName(Binary, server.Version));
        var recording = Environment.GetEnvironmentVariable(ExpectedVerdicts.RecordVariable) == "1";
        var expected = ExpectedVerdicts.Load(file);
        if (expected is null && !recording)
        {
            var known = Directory.Exists(ExpectedVerdicts.Folder) ? string.Join(", ", Directory.GetFiles(ExpectedVerdicts.Folder, $"{Binary}-*.json").Select(Path.GetFileName)) : "none";
            throw new ShouldAssertException(
                $"No expectations for {server.Version}: {file} does not exist (files for {Binary}: {known}). Record one with "
                + $"{ExpectedVerdicts.RecordVariable}=1 dotnet test src/ConformanceKit.Tests --filter FullyQualifiedName~RealServerCatalog, "
                + $"then judge every {ExpectedVerdicts.Unjudged} entry (server wrong: keep it with a one-line reason; harness wrong: fix the catalog) and commit the file.");
        }

        var target = TargetsFile.Load(RepositoryPaths.TargetsFile, Binary, Environment.GetEnvironmentVariable) with { BaseUrl = new Uri(server.BaseAddress.GetLeftPart(UriPartial.Authority)) };
        var catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);
        await using var session = await TargetSession.OpenAsync(target, referenceLauncher: null, new ClientSettings(), TimeProvider.System, bound.Token);
        // Chromium as a client too: how the browser revalidates against this server is part of what is recorded.
        await using var browsers = new ChromiumBrowsers();
        browsers.Unavailable.ShouldBeNull($"the browser checks run against real servers too: {browsers.ExecutablePath} is missing (.ci/run installs chromium)");
        await browsers.WarmUpAsync(bound.Token);
        var stopwatch = Stopwatch.StartNew();
        var run = await ConformanceRun.ExecuteAsync(session, catalog, seed: 1, progress: null, Parallelism, browsers, bound.Token);
        output.WriteLine($"{server.Version} on {server.BaseAddress}: {Describe(run)} in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        if (recording)
        {
            var previous = expected ?? Directory.GetFiles(ExpectedVerdicts.Folder, $"{Binary}-*.json").Order(StringComparer.Ordinal).Select(ExpectedVerdicts.Load).LastOrDefault();
            var recorded = ExpectedVerdicts.From(run, server.Version, previous);
            recorded.Save(file);
            output.WriteLine($"recorded {file}; judge every {ExpectedVerdicts.Unjudged} entry before committing it");
            return;
        }

        expected!.Server.ShouldBe(server.Version, $"{file} was recorded against another build; record a new file ({ExpectedVerdicts.RecordVariable}=1)");
        var differences = expected.Differences(run);
        if (differences.Count > 0)
        {
            // Once more, only the checks that differ: a verdict that depends on timing does not repeat its change.
            var differing = differences.Select(IdOf).ToHashSet(StringComparer.Ordinal);
            var again = await ConformanceRun.ExecuteAsync(session, catalog.Where(s => differing.Contains(s.Id)).ToList(), seed: 1, progress: null, Parallelism, browsers, bound.Token);
            var merged = run with { Checks = run.Checks.Select(c => again.Checks.FirstOrDefault(a => a.Check.Id == c.Check.Id) ?? c).ToList() };
            var confirmed = expected.Differences(merged);
            var still = confirmed.Select(IdOf).ToHashSet(StringComparer.Ordinal);
            foreach (var line in differences.Where(d => !still.Contains(IdOf(d))))
            {
                output.WriteLine($"differed once, agreed on a rerun: {line}");
            }

            differences = confirmed;
        }

        if (differences.Count > 0)
        {
            throw new ShouldAssertException(
                $"{server.Version}: {differences.Count} verdict(s) differ from {file} (each also on a rerun):\n  - {string.Join("\n  - ", differences)}\n"
                + $"For each, decide who is wrong. The server: re-record ({ExpectedVerdicts.RecordVariable}=1, see the file's \"regenerate\") and write the new verdict's reason. The harness: fix the catalog.");
        }

        expected.Checks.Where(e => e.Reason?.StartsWith(ExpectedVerdicts.Unjudged, StringComparison.Ordinal) == true).Select(e => e.Id)
            .ShouldBeEmpty($"{Path.GetFileName(file)} has entries nobody judged");
        expected.Checks.Where(e => e.Verdict != "pass" && string.IsNullOrWhiteSpace(e.Reason)).Select(e => e.Id)
            .ShouldBeEmpty($"{Path.GetFileName(file)}: every non-pass needs its one-line reason");
    }

    /// <summary>The check id a difference line starts with.</summary>
    private static string IdOf(string difference) => difference.Split(':', 2)[0];

    private static string Describe(RunResult run)
    {
        var s = run.Summary;
        return $"{s.Pass} pass, {s.Fail} fail, {s.Warn} warn, {s.Info} info, {s.Skip} skip, {s.Error} error";
    }
}

[Collection(ConformanceKit.Tests.Load.LoadRuns.Name)]
public sealed class NginxRealServerCatalogTests(ITestOutputHelper output) : RealServerCatalog(output)
{
    private protected override string Binary => "nginx";
}

[Collection(ConformanceKit.Tests.Load.LoadRuns.Name)]
public sealed class ApacheRealServerCatalogTests(ITestOutputHelper output) : RealServerCatalog(output)
{
    private protected override string Binary => "apache2";
}
