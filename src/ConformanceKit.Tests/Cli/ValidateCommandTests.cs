using ConformanceKit.Cli;
using ConformanceKit.Cli.Commands;

namespace ConformanceKit.Tests.Cli;

/// <summary><c>conformancekit validate</c>: the whole targets file and every suite file, one line per
/// problem (<c>FILE:LINE:COLUMN: $.path: reason</c>) and exit 2, or <c>ok: N targets, M checks</c>.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string? TokenSet(string name) => name == "API_TOKEN" ? "value-never-printed" : null;

    [Fact]
    public void The_repository_files_are_valid_when_the_examples_variable_is_set()
    {
        using var output = new StringWriter();

        var code = ValidateCommand.Execute(["--targets", RepositoryPaths.TargetsFile, "--suite", RepositoryPaths.Suites], output, TokenSet);

        code.ShouldBe(ExitCodes.Conformant, output.ToString());
        output.ToString().ShouldMatch($@"^ok: {Targets.TargetsFile.Names(RepositoryPaths.TargetsFile).Count} targets, \d+ checks, 2 load plans\r?\n$");
    }

    [Fact]
    public void Without_the_variable_the_repository_targets_file_names_it()
    {
        using var output = new StringWriter();

        var code = ValidateCommand.Execute(["--targets", RepositoryPaths.TargetsFile, "--suite", RepositoryPaths.Suites], output, _ => null);

        // Where the example's header is: the line holding the reference, at its "Authorization" member.
        var lines = File.ReadAllLines(RepositoryPaths.TargetsFile);
        var line = Array.FindIndex(lines, l => l.Contains("${env:API_TOKEN}", StringComparison.Ordinal)) + 1;
        var column = lines[line - 1].IndexOf("\"Authorization\"", StringComparison.Ordinal) + 1;
        code.ShouldBe(ExitCodes.UsageError);
        output.ToString().ShouldBe($"{RepositoryPaths.TargetsFile}:{line}:{column}: $.targets.my-api.headers.Authorization: environment variable API_TOKEN is not set (referenced as ${{env:API_TOKEN}}){Environment.NewLine}");
    }

    [Fact]
    public void Every_problem_of_every_target_is_listed_in_file_order_without_values()
    {
        var targets = _cli.WriteFile("targets.json", """
            {
              "targets": {
                "a": { "baseUrl": "https://${env:CK_HOST}/${env:CK_PATH}", "resource": { "path": "/items/{id}" },
                       "headers": { "X-Key": "${env:CK_KEY}" } },
                "b": { "kind": "reference", "defects": ["no-such-defect"] },
                "c": { "baseUrl": "${env:CK_URL}", "resource": { "path": "/items/{id}" } },
                "d": { "baseUrl": "http://127.0.0.1:1", "resource": { "path": "/items/{id}" }, "capabilities": { "ranges": 1 } },
                "e": { "kind": "reference", "description": false }
              }
            }
            """);
        var environment = new Dictionary<string, string> { ["CK_PATH"] = "p", ["CK_URL"] = "ftp://secret-host.example" };
        using var output = new StringWriter();

        var code = ValidateCommand.Execute(["--targets", targets, "--suite", RepositoryPaths.Suites], output, n => environment.GetValueOrDefault(n));

        code.ShouldBe(ExitCodes.UsageError);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(6, output.ToString());
        lines[0].ShouldBe($"{targets}:3:12: $.targets.a.baseUrl: environment variable CK_HOST is not set (referenced as ${{env:CK_HOST}})");
        lines[1].ShouldBe($"{targets}:4:25: $.targets.a.headers.X-Key: environment variable CK_KEY is not set (referenced as ${{env:CK_KEY}})");
        lines[2].ShouldStartWith($"{targets}:5:45: $.targets.b.defects[0]: Unknown defect 'no-such-defect'. Known defects: ");
        lines[3].ShouldBe($"{targets}:6:12: $.targets.c.baseUrl: '${{env:CK_URL}}' is not an absolute http:// or https:// URL");
        lines[4].ShouldBe($"{targets}:7:102: $.targets.d.capabilities.ranges: must be true or false, found the number 1");
        lines[5].ShouldBe($"{targets}:8:33: $.targets.e.description: Value is \"boolean\" but should be \"string\"");
        output.ToString().ShouldNotContain("secret-host");
    }

    [Fact]
    public void Suite_problems_name_their_line_and_ids_used_twice_across_files()
    {
        var suites = Path.Combine(_cli.Folder, "suites");
        Directory.CreateDirectory(suites);
        File.WriteAllText(Path.Combine(suites, "a.json"), """
            { "group": "A", "scenarios": [
              { "id": "shared", "section": "9110/13.1.1", "level": "MUST", "title": "T", "requirement": "R",
                "steps": [ { "client": "A", "request": { "method": "GET" } } ] } ] }
            """);
        File.WriteAllText(Path.Combine(suites, "b.json"), """
            { "group": "B", "scenarios": [
              { "id": "shared", "section": "9110/13.1.1", "level": "MUST", "title": "T", "requirement": "R",
                "steps": [ { "client": "A", "request": { "method": "GET" } } ] } ] }
            """);
        File.WriteAllText(Path.Combine(suites, "c.json"), """
            { "group": "C", "scenarios": [
              { "id": "typo", "section": "9110/13.1.1", "level": "MUST", "title": "T", "requirement": "R",
                "steps": [ { "client": "A", "request": { "method": "GET" },
                             "expects": { "status": 200 } } ] } ] }
            """);
        using var output = new StringWriter();

        var code = ValidateCommand.Execute(["--targets", RepositoryPaths.TargetsFile, "--suite", suites], output, TokenSet);

        code.ShouldBe(ExitCodes.UsageError);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe(
        [
            $"{Path.Combine(suites, "b.json")}:2:5: $.scenarios[0].id: id 'shared' is already used by {Path.Combine(suites, "a.json")} $.scenarios[0]",
            $"{Path.Combine(suites, "c.json")}:4:18: $.scenarios[0].steps[0].expects: unknown field (known fields here: client, request, browser, fix, capture, waitFor, assume, expect)",
        ]);
    }

    [Fact]
    public async Task Validate_is_a_command_of_the_cli()
    {
        var code = await _cli.RunAsync("validate", "--targets", _cli.WriteFile("targets.json", """{ "targets": { "reference": { "kind": "reference" } } }"""), "--suite", RepositoryPaths.Suites);

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldStartWith("ok: 1 targets, ");
        (await _cli.RunAsync("help")).ShouldBe(ExitCodes.Conformant);
        _cli.Output.ShouldContain("conformancekit validate [--targets FILE] [--suite PATH]...");
    }

    public void Dispose() => _cli.Dispose();
}
