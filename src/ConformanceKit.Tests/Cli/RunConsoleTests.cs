using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary>What <c>conformancekit run</c> prints when its output is not a terminal (CI, a pipe, these tests): a
/// line per check as it ends, then the end summary; with <c>--quiet</c> the summary alone. The terminal's live view
/// is not testable headless and is kept out of these paths.</summary>
public sealed class RunConsoleTests : IDisposable
{
    private static readonly string[] TwoChecks = ["--only", "optimistic-locking", "--only", "conditional-get-304"];
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Plain_mode_prints_a_line_per_check_then_a_readable_summary()
    {
        var code = await _cli.RunTargetAsync("reference-no-preconditions", null, TwoChecks);

        code.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        var lines = Lines();
        lines[0].ShouldStartWith("ConformanceKit ");
        lines[0].ShouldContain(": 2 checks against target 'reference-no-preconditions' (seed 1, gate must, time budget 10 min)");
        lines[1].ShouldStartWith("target at http://127.0.0.1:");
        lines[2].ShouldBe("FAIL  optimistic-locking (9110/13.1.1 MUST)");
        lines[3].ShouldBe("      step 4 (B PUT {resource} If-Match): status: expected 412, got 204");
        lines[4].ShouldBe("PASS  conditional-get-304 (9110/13.1.2 MUST)");
        lines[5].ShouldBeEmpty();
        lines[6].ShouldMatch(@"^1 pass, 1 fail, 0 warn, 0 info, 0 skip, 0 error in \d+\.\d s \(2 checks\)$");
        lines[7].ShouldBe("breaking the gate (must): 1");
        lines[8].ShouldBe("  FAIL  optimistic-locking (9110/13.1.1 MUST): step 4 (B PUT {resource} If-Match): status: expected 412, got 204");
        var folder = Path.Combine(_cli.ReportRoot, "reference-no-preconditions");
        lines[9].ShouldBe($"report: {Path.Combine(folder, "index.html")}");
        lines[10].ShouldBe($"results: {Path.Combine(folder, "results.json")}, {Path.Combine(folder, "junit.xml")}, {Path.Combine(folder, "summary.md")}");
        lines[11].ShouldBe($"all targets: {Path.Combine(_cli.ReportRoot, "index.html")}");
        lines[12].ShouldBe("NOT CONFORMANT (gate: must): optimistic-locking");
        lines.Count.ShouldBe(13);
    }

    [Fact]
    public async Task Quiet_mode_prints_only_the_summary_with_the_failures()
    {
        var code = await _cli.RunTargetAsync("reference-no-preconditions", null, [.. TwoChecks, "--quiet", "--json", Path.Combine(_cli.Folder, "copy.json")]);

        code.ShouldBe(ExitCodes.NonConformant, _cli.Output + _cli.Error);
        var lines = Lines();
        lines[0].ShouldMatch(@"^1 pass, 1 fail, 0 warn, 0 info, 0 skip, 0 error in \d+\.\d s \(2 checks\)$");
        lines[1].ShouldBe("breaking the gate (must): 1");
        lines[2].ShouldStartWith("  FAIL  optimistic-locking (9110/13.1.1 MUST): step 4 ");
        lines[3].ShouldStartWith("report: ");
        lines[4].ShouldEndWith(Path.Combine(_cli.Folder, "copy.json"), Case.Sensitive, "the extra copies are listed with the reports");
        lines[^1].ShouldBe("NOT CONFORMANT (gate: must): optimistic-locking");
        _cli.Output.ShouldNotContain("PASS  conditional-get-304");
        _cli.Output.ShouldNotContain("ConformanceKit 0.");
        _cli.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Quiet_and_conformant_is_the_counts_the_reports_and_the_gate()
    {
        var code = await _cli.RunTargetAsync("reference", null, "--only", "conditional-get-304", "--quiet");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        var lines = Lines();
        lines.Count.ShouldBe(5, _cli.Output);
        lines[0].ShouldStartWith("1 pass, 0 fail, 0 warn, 0 info, 0 skip, 0 error in ");
        lines[^1].ShouldBe("CONFORMANT (gate: must)");
    }

    public void Dispose() => _cli.Dispose();

    private List<string> Lines()
    {
        var lines = _cli.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
