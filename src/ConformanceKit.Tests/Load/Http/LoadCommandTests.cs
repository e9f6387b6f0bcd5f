using System.Diagnostics;
using System.Text.Json;
using ConformanceKit.Cli;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Load.Http;

/// <summary>The contract of <c>conformancekit load</c>: exit codes, the summary, load.json and load.html, the remote
/// guard and usage errors. Every run is on loopback and lasts a second or two.</summary>
[Collection(LoadRuns.Name)]
public sealed class LoadCommandTests : IDisposable
{
    private readonly CliRun cli = new();

    [Fact]
    public async Task Lost_updates_on_a_non_atomic_write_breach_the_default_threshold_and_exit_1()
    {
        var targets = cli.WriteFile("targets.json", """{ "targets": { "non-atomic": { "kind": "reference", "defects": ["non-atomic-write"] } } }""");

        var code = await LoadAsync("non-atomic", targets, "--workload", "contended-writers", "--duration", "2s", "--users", "8");

        code.ShouldBe(ExitCodes.NonConformant, cli.Output + cli.Error);
        cli.Output.ShouldContain("FAIL  writers  lost_updates == 0");
        cli.Output.ShouldContain("THRESHOLDS BREACHED: lost_updates == 0 (writers): lost_updates is ");
        cli.Output.ShouldContain("first breached at ");
        cli.Output.ShouldContain("lost-update in contended-writers");
        using var json = LoadJson("non-atomic");
        var root = json.RootElement;
        root.GetProperty("exitCode").GetInt32().ShouldBe(1);
        root.GetProperty("defects").EnumerateArray().Single().GetString().ShouldBe("non-atomic-write");
        root.GetProperty("conditional").GetProperty("lostUpdates").GetInt64().ShouldBeGreaterThan(0);
        var verification = root.GetProperty("verifications").EnumerateArray().Single();
        verification.GetProperty("violations").EnumerateArray().First().GetProperty("kind").GetString().ShouldBe("lost-update");
        verification.GetProperty("counter").GetProperty("outcome").GetString().ShouldBe("Broken");
    }

    [Fact]
    public async Task Contended_writers_on_the_reference_server_hold_every_threshold_and_exit_0()
    {
        var code = await LoadAsync("reference", null, "--workload", "contended-writers", "--duration", "2s", "--users", "8");

        code.ShouldBe(ExitCodes.Conformant, cli.Output + cli.Error);
        cli.Output.ShouldContain("PASS  writers  lost_updates == 0");
        cli.Output.ShouldContain("lost updates: 0");
        cli.Output.ShouldContain("counter rule holds");
        cli.Output.ShouldContain("THRESHOLDS HELD");
        using var json = LoadJson("reference");
        json.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("conditional").GetProperty("retriesPerSuccessfulWrite").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task A_breached_threshold_exits_1_and_the_summary_says_which_with_its_value_and_time()
    {
        var code = await LoadAsync("reference", null, "--workload", "revalidating-readers", "--duration", "1s", "--users", "2", "--threshold", "p99 < 1us");

        code.ShouldBe(ExitCodes.NonConformant, cli.Output + cli.Error);
        cli.Output.ShouldContain("FAIL  readers  p99 < 1us");
        cli.Output.ShouldMatch(@"THRESHOLDS BREACHED: p99 < 1us \(readers\): p99 is [0-9.]+ ms \(wanted < 0\.001 ms\), first breached at [0-9.]+ s with [0-9.]+ ms");
        cli.Output.ShouldContain("PASS  readers  error_rate < 1%", customMessage: "the defaults still apply");
    }

    [Fact]
    public async Task Abort_on_breach_stops_the_run_early()
    {
        var watch = Stopwatch.StartNew();

        var code = await LoadAsync("reference", null, "--workload", "revalidating-readers", "--duration", "60s", "--users", "2", "--threshold", "p99 < 1us", "--abort-on-breach");

        watch.Stop();
        code.ShouldBe(ExitCodes.NonConformant, cli.Output + cli.Error);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "it stops at the first snapshot that breaches, not after 60 s");
        using var json = LoadJson("reference");
        json.RootElement.GetProperty("stopReason").GetString().ShouldBe("ThresholdBreached");
        json.RootElement.GetProperty("durationSeconds").GetDouble().ShouldBeLessThan(30);
        cli.Output.ShouldContain("stopped the run at");
    }

    [Fact]
    public async Task Load_json_and_a_self_contained_load_html_are_written_and_linked_from_the_index()
    {
        var extra = Path.Combine(cli.Folder, "ci", "load.json");

        var code = await LoadAsync("reference", null, "--workload", "mixed", "--duration", "1s", "--users", "4", "--resources", "3", "--json", extra);

        code.ShouldBe(ExitCodes.Conformant, cli.Output + cli.Error);
        using (var json = LoadJson("reference"))
        {
            var root = json.RootElement;
            root.GetProperty("target").GetString().ShouldBe("reference");
            root.GetProperty("workload").GetString().ShouldBe("mixed");
            root.GetProperty("load").GetProperty("users").GetInt32().ShouldBe(4);
            root.GetProperty("load").GetProperty("resources").GetInt32().ShouldBe(3);
            root.GetProperty("scenarios").GetArrayLength().ShouldBe(2);
            root.GetProperty("verifications").GetArrayLength().ShouldBe(3);
            var writers = root.GetProperty("scenarios")[1];
            writers.GetProperty("stats").GetProperty("requests").GetProperty("perSecond").GetArrayLength().ShouldBeGreaterThan(0);
            root.GetProperty("conditional").GetProperty("notModifiedRatio").GetDouble().ShouldBeGreaterThan(0);
            root.GetProperty("thresholds").GetArrayLength().ShouldBe(4);
        }

        File.ReadAllText(extra).ShouldBe(File.ReadAllText(Path.Combine(cli.ReportRoot, "reference", "load.json")));
        var html = File.ReadAllText(Path.Combine(cli.ReportRoot, "reference", "load.html"));
        html.ShouldContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        html.ShouldNotContain("src=\"");
        html.ShouldNotContain("href=\"http");
        html.ShouldNotContain("url(");
        html.ShouldNotContain("@import");
        html.ShouldContain("<svg");
        html.ShouldContain("Latency percentiles");
        html.ShouldContain("Throughput over time");
        html.ShouldContain("Status mix");
        html.ShouldContain("304 ratio");
        File.ReadAllText(Path.Combine(cli.ReportRoot, "index.html")).ShouldContain("href=\"reference/load.html\"");
    }

    [Theory]
    [InlineData("--duration 5 --users 2", "--duration: '5' is not a duration")]
    [InlineData("--duration 11m --users 2", "at most 10m")]
    [InlineData("--duration 2s --users 2 --rate 10", "not both")]
    [InlineData("--duration 2s", "needs --users N")]
    [InlineData("--duration 2s --users 2 --max-in-flight 4", "--max-in-flight caps the open model")]
    [InlineData("--duration 2s --users 0", "--users: Users must be between 1 and 10000")]
    [InlineData("--duration 2s --users 2 --threshold p99<50", "--threshold: Threshold 'p99<50': p99 is a latency; give a unit")]
    [InlineData("--duration 2s --users 2 --threshold step:revalidate_p99<5ms", "--threshold: Threshold")]
    [InlineData("--duration 2s --users 2 --resources 3", "--resources is for the mixed workload")]
    [InlineData("--duration 2s --rate 0", "--rate: '0' is not an arrival rate")]
    public async Task Usage_errors_exit_2_with_a_clear_message(string options, string message)
    {
        var code = await LoadAsync("reference", null, ["--workload", "revalidating-readers", .. options.Split(' ')]);

        code.ShouldBe(ExitCodes.UsageError, cli.Output + cli.Error);
        cli.Error.ShouldContain(message);
        Directory.Exists(cli.ReportRoot).ShouldBeFalse("nothing ran");
    }

    [Fact]
    public async Task An_unknown_workload_or_a_step_the_workload_lacks_exits_2()
    {
        (await LoadAsync("reference", null, "--workload", "stampede", "--duration", "1s", "--users", "1")).ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain("--workload: there is no workload 'stampede' (workloads: revalidating-readers, contended-writers, mixed)");

        (await LoadAsync("reference", null, "--workload", "revalidating-readers", "--duration", "1s", "--users", "1", "--threshold", "step:write p99 < 1s")).ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain("threshold 'step:write p99 < 1s' names step 'write', which workload revalidating-readers does not have (steps: revalidate)");
    }

    [Fact]
    public async Task A_remote_target_is_refused_without_allow_remote_before_any_request()
    {
        var targets = cli.WriteFile("targets.json", """{ "targets": { "prod": { "baseUrl": "http://192.0.2.10:8080", "resource": { "path": "/items/{id}" } } } }""");

        var code = await LoadAsync("prod", targets, "--workload", "revalidating-readers", "--duration", "1s", "--users", "1");

        code.ShouldBe(ExitCodes.UsageError, cli.Output + cli.Error);
        cli.Error.ShouldContain("error: target 'prod' is at 192.0.2.10, which is not a loopback address; load is sent only to loopback hosts unless you pass --allow-remote");
        cli.Output.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_in_box_server_and_loopback_addresses_count_as_local()
    {
        var remote = ConformanceKit.Targets.TargetDefinition.InBoxReference("x", [], "test") with { Kind = ConformanceKit.Targets.TargetKind.Remote };
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(ConformanceKit.Targets.TargetDefinition.InBoxReference("reference", [], "test")).ShouldBeNull();
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(remote with { BaseUrl = new Uri("http://127.0.0.1:8080/api") }).ShouldBeNull();
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(remote with { BaseUrl = new Uri("http://localhost:8080") }).ShouldBeNull();
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(remote with { BaseUrl = new Uri("http://[::1]:8080") }).ShouldBeNull();
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(remote with { BaseUrl = new Uri("https://api.example.com") }).ShouldBe("api.example.com");
        ConformanceKit.Cli.Commands.LoadCommand.RemoteHost(remote with { BaseUrl = new Uri("http://10.0.0.5") }).ShouldBe("10.0.0.5");
    }

    public void Dispose() => cli.Dispose();

    private Task<int> LoadAsync(string target, string? targets, params string[] extra) =>
        cli.RunAsync(["load", "--target", target, "--targets", targets ?? RepositoryPaths.TargetsFile, "--report", cli.ReportRoot, .. extra]);

    private JsonDocument LoadJson(string target) => JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.ReportRoot, target, "load.json")));
}
