using System.Diagnostics;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Reports;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Runs;

/// <summary>A target that misbehaves ends as error verdicts within bounded time, and the report is still
/// written: never a crash, never a pass.</summary>
public sealed class HostileTargetTests
{
    private static readonly ClientSettings Limits = new() { RequestTimeout = TimeSpan.FromSeconds(1), MaxBodyBytes = 64 * 1024 };

    [Theory]
    [InlineData(Misbehaviour.NeverAnswers, "no complete response within 1 s")]
    [InlineData(Misbehaviour.Garbage, "")]
    [InlineData(Misbehaviour.ClosesMidResponse, "")]
    [InlineData(Misbehaviour.HugeBody, "")]
    public async Task Misbehaving_target_gives_error_verdicts_and_a_report(Misbehaviour misbehaviour, string expectedMessage)
    {
        await using var server = new HostileServer(misbehaviour);
        var target = new TargetDefinition(
            "hostile",
            TargetKind.Remote,
            server.BaseAddress,
            new ResourceRecipe("/items/{id}", CreateMethod.Put, null, "application/json", null),
            [],
            new Capabilities(Writes: true, LastModified: true, Ranges: false, RequirePreconditions: false),
            [],
            "test");
        var scenarios = new ScenarioLoader().Load([RepositoryPaths.Suites])
            .Where(s => s.Id is "conditional-get-304" or "optimistic-locking" or "preconditions-ignored-on-404-get")
            .ToList();
        var clock = Stopwatch.StartNew();

        await using var session = await TargetSession.OpenAsync(target, null, Limits, TimeProvider.System, CancellationToken.None);
        var result = await ConformanceRun.ExecuteAsync(session, scenarios, 1, null, CancellationToken.None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "each request is bounded by the 1 s timeout");
        result.Checks.Count.ShouldBe(3);
        foreach (var check in result.Checks)
        {
            check.Verdict.ShouldBe(Verdict.Error, check.Message);
            check.Message.ShouldContain(expectedMessage);
            check.Exchanges.ShouldNotBeEmpty("the failed exchange is the evidence");
        }

        Gate.Passes(result).ShouldBeFalse("an error does not show conformance");
        var folder = Path.Combine(Path.GetTempPath(), "ck-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            HtmlReportWriter.Write(result, Path.Combine(folder, "index.html"));
            JsonResultsWriter.Write(result, Path.Combine(folder, "results.json"));
            File.ReadAllText(Path.Combine(folder, "results.json")).ShouldContain("\"verdict\": \"error\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
