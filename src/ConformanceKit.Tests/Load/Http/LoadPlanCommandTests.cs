using System.Text.Json;
using ConformanceKit.Cli;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Load.Http;

/// <summary><c>conformancekit load --plan</c>: a plan file run against the reference server (a second or two on
/// loopback), plans found by name in suites/load, and the options a plan decides refused beside it.</summary>
[Collection(LoadRuns.Name)]
public sealed class LoadPlanCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    [Fact]
    public async Task A_plan_file_runs_its_phases_and_thresholds_and_the_report_names_them()
    {
        var plan = cli.WriteFile("tiny.json", """
            // two phases and a threshold of its own
            { "workload": "revalidating-readers",
              "phases": [ { "rampUsers": { "from": 1, "to": 3, "during": "600ms" } }, { "constantRate": { "rate": 50, "during": "600ms", "maxInFlight": 4 } } ],
              "thresholds": [ "step:revalidate not_modified_ratio >= 50%" ] }
            """);

        var code = await LoadAsync("--plan", plan);

        code.ShouldBe(ExitCodes.Conformant, cli.Output + cli.Error);
        cli.Output.ShouldContain("load: revalidating-readers against 'reference' at http://127.0.0.1:");
        cli.Output.ShouldContain("plan tiny (readers: 1 to 3 users over 0.6 s, then 50/s for 0.6 s (at most 4 in flight)) for 1.2 s, seed 1");
        cli.Output.ShouldContain("PASS  readers  step:revalidate not_modified_ratio >= 50%");
        cli.Output.ShouldContain("PASS  readers  error_rate < 1%", customMessage: "the workload's defaults still apply");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.ReportRoot, "reference", "load.json")));
        var load = json.RootElement.GetProperty("load");
        load.GetProperty("model").GetString().ShouldBe("plan");
        load.GetProperty("plan").GetString().ShouldBe("tiny");
        load.GetProperty("phases").EnumerateArray().Single().GetString().ShouldBe("readers: 1 to 3 users over 0.6 s, then 50/s for 0.6 s (at most 4 in flight)");
        File.ReadAllText(Path.Combine(cli.ReportRoot, "reference", "load.html")).ShouldContain("plan <code>tiny</code>: readers: 1 to 3 users over 0.6 s");
    }

    [Fact]
    public async Task A_plan_is_found_by_name_in_the_suites_load_folder()
    {
        var code = await LoadAsync("--plan", "no-such-plan");

        code.ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain("--plan: 'no-such-plan' is neither a file nor a plan in ");
        cli.Error.ShouldContain("(plans: readers-ramp, writers-rush)");
    }

    [Theory]
    [InlineData("--users", "4")]
    [InlineData("--workload", "mixed")]
    [InlineData("--duration", "5s")]
    public async Task What_a_plan_decides_cannot_also_be_given(string option, string value)
    {
        var code = await LoadAsync("--plan", "readers-ramp", option, value);

        code.ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain($"{option} does not go with --plan: the plan gives the workload, its phases and resources");
    }

    [Fact]
    public async Task A_malformed_plan_exits_2_naming_file_line_and_field()
    {
        var plan = cli.WriteFile("bad.json", """{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 4 } } ] }""");

        var code = await LoadAsync("--plan", plan);

        code.ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain($"{plan}:1:");
        cli.Error.ShouldContain("$.phases[0].constantUsers.during: required field is missing");
    }

    public void Dispose() => cli.Dispose();

    private Task<int> LoadAsync(params string[] extra) =>
        cli.RunAsync(["load", "--target", "reference", "--targets", RepositoryPaths.TargetsFile, "--report", cli.ReportRoot, .. extra]);
}
