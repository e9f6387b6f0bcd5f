using System.Net;
using System.Net.Sockets;
using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary>The contract of <c>conformancekit run</c> (NOTES section 2): exit codes, results.json shape,
/// report files, filters, seeds.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Reference_target_is_conformant_and_every_check_passes_or_does_not_apply()
    {
        var code = await _cli.RunTargetAsync("reference");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        using var results = _cli.Results("reference");
        var verdicts = CliRun.Verdicts(results);
        verdicts.Count.ShouldBeGreaterThanOrEqualTo(20);
        verdicts.Where(v => v.Value is not ("pass" or "skip" or "info")).ShouldBeEmpty();
        verdicts["optimistic-locking"].ShouldBe("pass");
        verdicts["conditional-get-304"].ShouldBe("pass");
        verdicts["blind-overwrite-loses-update"].ShouldBe("info");
        _cli.Output.ShouldContain("CONFORMANT");
    }

    [Fact]
    public async Task Results_json_follows_the_contract()
    {
        await _cli.RunTargetAsync("reference", null, "--only", "conditional-get-304");

        using var results = _cli.Results("reference");
        var root = results.RootElement;
        root.GetProperty("target").GetString().ShouldBe("reference");
        root.GetProperty("startedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
        var check = root.GetProperty("checks").EnumerateArray().Single();
        check.GetProperty("id").GetString().ShouldBe("conditional-get-304");
        check.GetProperty("section").GetString().ShouldBe("9110/13.1.2");
        check.GetProperty("level").GetString().ShouldBe("MUST");
        check.GetProperty("verdict").GetString().ShouldBe("pass");
        check.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        var exchanges = check.GetProperty("exchanges").EnumerateArray().ToList();
        exchanges.Count.ShouldBe(3, "setup PUT, GET, conditional GET");
        var conditional = exchanges[^1];
        conditional.GetProperty("client").GetString().ShouldBe("A");
        conditional.GetProperty("response").GetProperty("status").GetInt32().ShouldBe(304);
        conditional.GetProperty("request").GetProperty("headers").EnumerateArray()
            .ShouldContain(h => h[0].GetString() == "If-None-Match");
        var summary = root.GetProperty("summary");
        summary.GetProperty("pass").GetInt32().ShouldBe(1);
        summary.GetProperty("fail").GetInt32().ShouldBe(0);
        File.Exists(Path.Combine(_cli.ReportRoot, "reference", "index.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task Write_preconditions_switched_off_fails_optimistic_locking_and_exits_1()
    {
        var code = await _cli.RunTargetAsync("reference-no-preconditions");

        code.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        using var results = _cli.Results("reference-no-preconditions");
        var verdicts = CliRun.Verdicts(results);
        verdicts["optimistic-locking"].ShouldBe("fail");
        verdicts["conditional-get-304"].ShouldBe("pass");
        var check = results.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "optimistic-locking");
        check.GetProperty("expected").GetString().ShouldBe("412");
        check.GetProperty("actual").GetString().ShouldStartWith("2");
        check.GetProperty("decidingStep").GetInt32().ShouldBe(4);
        _cli.Output.ShouldContain("NOT CONFORMANT");
        _cli.Report("reference-no-preconditions").ShouldContain("optimistic-locking");
    }

    [Fact]
    public async Task Unreachable_base_url_exits_3_with_a_clear_message()
    {
        var port = FreePort();
        var targets = _cli.WriteFile("targets.json", $$"""{ "targets": { "down": { "baseUrl": "http://127.0.0.1:{{port}}", "resource": { "path": "/items/{id}" } } } }""");

        var code = await _cli.RunTargetAsync("down", targets);

        code.ShouldBe(ExitCodes.CannotRun);
        _cli.Error.ShouldContain($"target 'down' is unreachable at http://127.0.0.1:{port}/");
    }

    [Fact]
    public async Task Targets_file_without_base_url_exits_2_naming_file_and_field()
    {
        var targets = _cli.WriteFile("targets.json", """{ "targets": { "api": { "resource": { "path": "/items/{id}" } } } }""");

        var code = await _cli.RunTargetAsync("api", targets);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain($"{targets}:1:16: $.targets.api.baseUrl: required field is missing");
    }

    [Fact]
    public async Task Unknown_defect_exits_2_naming_it()
    {
        var targets = _cli.WriteFile("targets.json", """{ "targets": { "broken": { "kind": "reference", "defects": ["no-such-defect"] } } }""");

        var code = await _cli.RunTargetAsync("broken", targets);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain("$.targets.broken.defects");
        _cli.Error.ShouldContain("no-such-defect");
    }

    [Theory]
    [InlineData("run", "--target")]
    [InlineData("run", "--target", "reference", "--bogus")]
    [InlineData("run", "--target", "reference", "--seed", "many")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var code = await _cli.RunAsync(args);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task Only_and_exclude_select_by_section_and_id_prefix()
    {
        await _cli.RunTargetAsync("reference", null, "--only", "9110/13.1.2", "--exclude", "if-none-match-star");

        using var results = _cli.Results("reference");
        var ids = CliRun.Verdicts(results).Keys.ToList();
        ids.ShouldContain("conditional-get-304");
        ids.ShouldNotContain("optimistic-locking");
        ids.ShouldNotContain(id => id.StartsWith("if-none-match-star", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Same_seed_sends_the_same_bodies_and_another_seed_does_not()
    {
        async Task<List<string>> BodiesAsync(string seed)
        {
            using var cli = new CliRun();
            await cli.RunTargetAsync("reference", null, "--only", "optimistic-locking", "--seed", seed);
            using var results = cli.Results("reference");
            return results.RootElement.GetProperty("checks")[0].GetProperty("exchanges").EnumerateArray()
                .Select(e => e.GetProperty("request").TryGetProperty("body", out var body) ? body.GetString()! : string.Empty)
                .ToList();
        }

        var first = await BodiesAsync("7");
        var again = await BodiesAsync("7");
        var other = await BodiesAsync("8");

        first.Where(b => b.Length > 0).Count().ShouldBe(4, "initial, A's, B's refused and B's retried document");
        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public async Task Secrets_from_the_environment_and_credentials_never_appear_in_outputs()
    {
        const string secret = "s3cr3t-value-that-must-not-leak";
        var variable = "CK_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            var targets = _cli.WriteFile("targets.json", $$"""
                { "targets": { "guarded": { "kind": "reference",
                  "headers": { "X-Api-Key": "${env:{{variable}}}", "Authorization": "Basic literal-credential" } } } }
                """);

            var code = await _cli.RunTargetAsync("guarded", targets, "--only", "9110/13.1.1");

            code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
            var json = File.ReadAllText(Path.Combine(_cli.ReportRoot, "guarded", "results.json"));
            var html = _cli.Report("guarded");
            foreach (var output in new[] { json, html, _cli.Output, _cli.Error })
            {
                output.ShouldNotContain(secret);
                output.ShouldNotContain("literal-credential");
            }

            json.ShouldContain("X-Api-Key");
            json.ShouldContain("[redacted]");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task List_prints_the_catalog_as_json()
    {
        var code = await _cli.RunAsync("list", "--suite", RepositoryPaths.Suites, "--json");

        code.ShouldBe(ExitCodes.Conformant);
        using var list = System.Text.Json.JsonDocument.Parse(_cli.Output);
        var ids = list.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        ids.ShouldContain("optimistic-locking");
        ids.ShouldBeUnique();
    }

    public void Dispose() => _cli.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
