using System.Text.Json;
using System.Xml.Linq;
using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary>The gate levels (<c>--fail-on must|should|any</c>) and baselines of known deviations
/// (<c>--baseline</c>, <c>--strict-baseline</c>) through <c>conformancekit run</c>, with every report.
/// <c>reference-no-preconditions</c> breaks optimistic-locking and if-match-star-absent (MUSTs) and passes
/// conditional-get-304.</summary>
public sealed class GateAndBaselineTests : IDisposable
{
    private const string Target = "reference-no-preconditions";
    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_known_deviation_does_not_fail_the_gate_and_an_unlisted_one_does()
    {
        var baseline = Baseline(("optimistic-locking", "lost updates: fix planned in OPS-42"));

        var known = await _cli.RunTargetAsync(Target, null, "--only", "optimistic-locking", "--baseline", baseline);

        known.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("CONFORMANT (gate: must, 1 baselined)");
        _cli.Output.ShouldContain("      baselined (known deviation): lost updates: fix planned in OPS-42");
        using (var results = _cli.Results(Target))
        {
            var root = results.RootElement;
            root.GetProperty("conformant").GetBoolean().ShouldBeTrue();
            var check = root.GetProperty("checks")[0];
            check.GetProperty("verdict").GetString().ShouldBe("fail", "the verdict stays what it is");
            check.GetProperty("baseline").GetProperty("status").GetString().ShouldBe("baselined");
            check.GetProperty("baseline").GetProperty("reason").GetString().ShouldBe("lost updates: fix planned in OPS-42");
            check.GetProperty("baseline").GetProperty("line").GetInt32().ShouldBe(2);
            root.GetProperty("baseline").GetProperty("baselined")[0].GetString().ShouldBe("optimistic-locking");
            root.GetProperty("summary").GetProperty("baselined").GetInt32().ShouldBe(1);
        }

        var junit = XDocument.Parse(File.ReadAllText(Path.Combine(_cli.ReportRoot, Target, "junit.xml")));
        junit.Root!.Attribute("failures")!.Value.ShouldBe("0");
        junit.Root!.Attribute("skipped")!.Value.ShouldBe("1");
        var skipped = junit.Descendants("testcase").Single().Element("skipped")!;
        skipped.Attribute("message")!.Value.ShouldStartWith("baselined: lost updates: fix planned in OPS-42 (fail: step 4");
        File.ReadAllText(Path.Combine(_cli.ReportRoot, Target, "summary.md")).ShouldContain("| fail (baselined) | `optimistic-locking` |");
        _cli.Report(Target).ShouldContain("<span class=\"v baselined\">baselined</span>");

        var unlisted = await _cli.RunTargetAsync(Target, null, "--only", "optimistic-locking", "--only", "if-match-star-absent", "--baseline", baseline);

        unlisted.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("NOT CONFORMANT (gate: must): if-match-star-absent" + Environment.NewLine);
        _cli.Output.ShouldContain("breaking the gate (must): 1");
        using var again = _cli.Results(Target);
        again.RootElement.GetProperty("conformant").GetBoolean().ShouldBeFalse();
        again.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "if-match-star-absent")
            .TryGetProperty("baseline", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_baselined_check_that_passes_is_reported_stale_and_fails_a_strict_baseline()
    {
        var baseline = Baseline(("conditional-get-304", "our CDN used to drop If-None-Match"));

        var lenient = await _cli.RunTargetAsync(Target, null, "--only", "conditional-get-304", "--baseline", baseline);

        lenient.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain($"      stale baseline entry (line 2): the check passes now; remove it from {baseline}");
        _cli.Output.ShouldContain("  conditional-get-304 (line 2): our CDN used to drop If-None-Match");
        using (var results = _cli.Results(Target))
        {
            results.RootElement.GetProperty("checks")[0].GetProperty("baseline").GetProperty("status").GetString().ShouldBe("stale");
            results.RootElement.GetProperty("baseline").GetProperty("stale")[0].GetProperty("id").GetString().ShouldBe("conditional-get-304");
        }

        var strict = await _cli.RunTargetAsync(Target, null, "--only", "conditional-get-304", "--baseline", baseline, "--strict-baseline");

        strict.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("NOT CONFORMANT (gate: must): conditional-get-304 (stale baseline entry)");
        var failure = XDocument.Parse(File.ReadAllText(Path.Combine(_cli.ReportRoot, Target, "junit.xml"))).Descendants("failure").Single();
        failure.Attribute("type")!.Value.ShouldBe("stale-baseline");
        File.ReadAllText(Path.Combine(_cli.ReportRoot, Target, "summary.md")).ShouldContain("**Not conformant** (gate MUST, strict baseline): 1 stale baseline entries");
    }

    [Fact]
    public async Task Only_and_exclude_select_checks_while_the_baseline_names_the_whole_catalog()
    {
        var baseline = Baseline(("optimistic-locking", "known"), ("if-match-star-absent", "known too"));

        var code = await _cli.RunTargetAsync(Target, null, "--only", "9110/13.1.1", "--exclude", "if-match-", "--exclude", "if-match-race-", "--exclude", "read-modify-write-", "--baseline", baseline);

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        using var results = _cli.Results(Target);
        var ids = CliRun.Verdicts(results).Keys.ToList();
        ids.ShouldContain("optimistic-locking");
        ids.ShouldNotContain(id => id.StartsWith("if-match-", StringComparison.Ordinal));
        results.RootElement.GetProperty("baseline").GetProperty("notRun").EnumerateArray().Select(e => e.GetString()).ShouldBe(["if-match-star-absent"]);
        _cli.Output.ShouldContain("baseline entries for checks not selected by --only/--exclude: 1 (if-match-star-absent)");
    }

    [Theory]
    [InlineData("must", ExitCodes.Conformant)]
    [InlineData("should", ExitCodes.Conformant)]
    [InlineData("any", ExitCodes.NonConformant)]
    public async Task Fail_on_any_also_counts_observations(string level, int expected)
    {
        // On the reference server, accepting a blind overwrite is an observation (info): only the ANY gate fails on it.
        var code = await _cli.RunTargetAsync("reference", null, "--only", "blind-overwrite-loses-update", "--only", "conditional-get-304", "--fail-on", level);

        code.ShouldBe(expected, _cli.Output + _cli.Error);
        using var results = _cli.Results("reference");
        results.RootElement.GetProperty("gate").GetString().ShouldBe(level.ToUpperInvariant());
        if (expected == ExitCodes.NonConformant)
        {
            _cli.Output.ShouldContain("NOT CONFORMANT (gate: any): blind-overwrite-loses-update" + Environment.NewLine);
            var junit = XDocument.Parse(File.ReadAllText(Path.Combine(_cli.ReportRoot, "reference", "junit.xml")));
            junit.Root!.Attribute("failures")!.Value.ShouldBe("1");
        }
    }

    [Fact]
    public async Task Fail_on_any_with_the_observation_baselined_passes()
    {
        var baseline = Baseline(("blind-overwrite-loses-update", "we accept unconditional PUT from the admin tool"));

        var code = await _cli.RunTargetAsync("reference", null, "--only", "blind-overwrite-loses-update", "--fail-on", "any", "--baseline", baseline);

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldContain("  INFO  blind-overwrite-loses-update: we accept unconditional PUT from the admin tool");
    }

    [Theory]
    [InlineData("--fail-on", "all", "--fail-on takes must, should or any, got 'all'")]
    [InlineData("--strict-baseline", null, "--strict-baseline needs --baseline FILE")]
    [InlineData("--timeout", "soon", "--timeout takes a duration with its unit (ms, s, m or h), e.g. 30s, got 'soon'")]
    [InlineData("--timeout", "25h", "--timeout must be between 1 s and 24 h, got '25h'")]
    [InlineData("--request-timeout", "10ms", "--request-timeout must be between 100 ms and 10 min, got '10ms'")]
    [InlineData("--max-body-bytes", "10", "--max-body-bytes must be between 1024 and 268435456, got 10")]
    public async Task Bad_gate_and_limit_options_exit_2(string option, string? value, string message)
    {
        string[] extra = value is null ? [option] : [option, value];

        var code = await _cli.RunTargetAsync("reference", null, extra);

        code.ShouldBe(ExitCodes.UsageError, _cli.Output + _cli.Error);
        _cli.Error.ShouldStartWith($"error: {message}\n");
        _cli.Output.ShouldBeEmpty();
    }

    public static TheoryData<string, string, string> MalformedBaselines => new()
    {
        { "not an array", """{ "optimistic-locking": "known" }""", ":1:1: $: must be an array of known deviations, [ { \"id\": \"CHECK-ID\", \"reason\": \"why it is accepted for now\" } ], found an object" },
        { "an entry is a string", """[ "optimistic-locking" ]""", ":1:3: $[0]: must be an object { \"id\", \"reason\" }, found the string \"optimistic-locking\"" },
        { "id missing", "[\n  { \"reason\": \"known\" }\n]", ":2:3: $[0].id: required field is missing (the id of a check, as conformancekit list shows it)" },
        { "reason missing", "[\n  { \"id\": \"optimistic-locking\" }\n]", ":2:3: $[0].reason: required field is missing (why this deviation is accepted for now; it is shown wherever the check is reported)" },
        { "reason empty", "[\n  { \"id\": \"optimistic-locking\", \"reason\": \" \" }\n]", ":2:33: $[0].reason: must not be empty: say why this deviation is accepted for now (it is shown wherever the check is reported)" },
        { "id not a string", "[\n  { \"id\": 42, \"reason\": \"known\" }\n]", ":2:5: $[0].id: must be a string, found the number 42" },
        { "unknown field", "[\n  { \"id\": \"optimistic-locking\", \"reason\": \"known\", \"until\": \"2027-01-01\" }\n]", ":2:52: $[0].until: unknown field (known fields here: id, reason)" },
        { "id in no catalog", "[\n  { \"id\": \"optimistic-lockin\", \"reason\": \"known\" }\n]", ":2:5: $[0].id: no check 'optimistic-lockin' in the catalog; did you mean optimistic-locking?" },
        { "id given twice", "[\n  { \"id\": \"optimistic-locking\", \"reason\": \"known\" },\n  { \"id\": \"optimistic-locking\", \"reason\": \"again\" }\n]", ":3:5: $[1].id: 'optimistic-locking' is listed twice (first at line 2); keep one entry per check" },
    };

    [Theory]
    [MemberData(nameof(MalformedBaselines))]
    public async Task A_malformed_baseline_exits_2_naming_file_line_and_path(string label, string json, string expected)
    {
        var file = _cli.WriteFile("baseline.json", json);

        var code = await _cli.RunTargetAsync(Target, null, "--baseline", file);

        code.ShouldBe(ExitCodes.UsageError, label);
        _cli.Error.ShouldBe($"error: {file}{expected}{Environment.NewLine}", label);
        _cli.Output.ShouldNotContain("report:", Case.Sensitive, label);
    }

    [Fact]
    public async Task A_missing_baseline_file_exits_2()
    {
        var file = Path.Combine(_cli.Folder, "nowhere.json");

        var code = await _cli.RunTargetAsync(Target, null, "--baseline", file);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldBe($"error: {file}: $: no such baseline file{Environment.NewLine}");
    }

    [Fact]
    public async Task Validate_checks_a_baseline_against_the_catalog()
    {
        var good = Baseline(("optimistic-locking", "known"));
        var targets = _cli.WriteFile("targets.json", """{ "targets": { "reference": { "kind": "reference" } } }""");

        (await _cli.RunAsync("validate", "--targets", targets, "--suite", RepositoryPaths.Suites, "--baseline", good)).ShouldBe(ExitCodes.Conformant, _cli.Output);
        var bad = _cli.WriteFile("bad.json", "[\n  { \"id\": \"optimistic-lockin\", \"reason\": \"known\" }\n]");
        var code = await _cli.RunAsync("validate", "--targets", targets, "--suite", RepositoryPaths.Suites, "--baseline", bad);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Output.ShouldContain($"{bad}:2:5: $[0].id: no check 'optimistic-lockin' in the catalog; did you mean optimistic-locking?");
    }

    public void Dispose() => _cli.Dispose();

    private string Baseline(params (string Id, string Reason)[] entries) =>
        _cli.WriteFile("baseline.json", "[\n" + string.Join(",\n", entries.Select(e => $"  {{ \"id\": {JsonSerializer.Serialize(e.Id)}, \"reason\": {JsonSerializer.Serialize(e.Reason)} }}")) + "\n]\n");
}
