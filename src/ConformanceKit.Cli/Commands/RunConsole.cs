using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Runs;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// What <c>conformancekit run</c> prints as text (plain lines for CI and pipes, and <c>--quiet</c>; the terminal's
/// live view is <see cref="RunLiveView"/>): the line of each check as it ends, and the end summary — the counts
/// per verdict, the checks that break the gate and the baselined ones with their one-line reason, stale baseline
/// entries, where the reports are, and the gate line. Control characters a target sent are shown as U+FFFD, so
/// they cannot drive the terminal.
/// </summary>
internal static class RunConsole
{
    /// <summary>A reason shown in the summary is cut to this many characters (the reports have it whole).</summary>
    public const int MaxReason = 160;

    /// <summary>One line per check (<see cref="RunCommand.ConsoleLine"/>), and below a check its baseline says
    /// something about, what: a known deviation, or a stale entry to remove.</summary>
    public static string CheckLine(CheckResult check, Baseline baseline)
    {
        var line = RunCommand.ConsoleLine(check);
        if (baseline.Find(check.Check.Id) is not { } entry)
        {
            return line;
        }

        return check.Verdict == Checks.Verdict.Pass
            ? $"{line}\n      stale baseline entry (line {N(entry.Line)}): the check passes now; remove it from {baseline.File}"
            : $"{line}\n      baselined (known deviation): {Printable(entry.Reason)}";
    }

    /// <param name="separate">Whether a blank line sets the summary apart from the check lines above it.</param>
    public static void Summary(TextWriter output, RunResult result, GateOutcome outcome, ReportPaths reports, bool separate)
    {
        var summary = result.Summary;
        var text = new StringBuilder();
        text.Append(separate ? "\n" : string.Empty)
            .Append(CultureInfo.InvariantCulture, $"{summary.Pass} pass, {summary.Fail} fail, {summary.Warn} warn, {summary.Info} info, {summary.Skip} skip, {summary.Error} error in {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({summary.Total} check{(summary.Total == 1 ? string.Empty : "s")})\n");
        if (result.StoppedEarly is { } stopped)
        {
            text.Append("stopped early: ").Append(stopped).Append("; the checks not run are errors\n");
        }

        if (outcome.Baselined.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"baselined, known deviations the gate accepts ({result.Baseline.File}): {outcome.Baselined.Count}\n");
            foreach (var (check, entry) in outcome.Baselined)
            {
                text.Append("  ").Append(VerdictWord(check)).Append(' ').Append(check.Check.Id).Append(": ").Append(OneLine(entry.Reason)).Append('\n');
            }
        }

        if (outcome.Stale.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"stale baseline entries, whose check passes now (remove them from {result.Baseline.File}){(outcome.StrictBaseline ? "; the strict baseline fails the gate" : string.Empty)}: {outcome.Stale.Count}\n");
            foreach (var entry in outcome.Stale)
            {
                text.Append("  ").Append(entry.Id).Append(CultureInfo.InvariantCulture, $" (line {entry.Line}): ").Append(OneLine(entry.Reason)).Append('\n');
            }
        }

        if (outcome.NotRun.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"baseline entries for checks not selected by --only/--exclude: {outcome.NotRun.Count} ({string.Join(", ", outcome.NotRun.Select(e => e.Id))})\n");
        }

        if (outcome.Breaking.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"breaking the gate ({Lower(outcome.Level)}): {outcome.Breaking.Count}\n");
            foreach (var check in outcome.Breaking)
            {
                text.Append("  ").Append(VerdictWord(check)).Append(' ').Append(check.Check.Id)
                    .Append(" (").Append(check.Check.Section).Append(' ').Append(check.Check.Level.ToString().ToUpperInvariant()).Append("): ")
                    .Append(OneLine(check.Message)).Append('\n');
            }
        }

        text.Append("report: ").Append(reports.Html).Append('\n');
        text.Append("results: ").Append(string.Join(", ", reports.Others)).Append('\n');
        text.Append("all targets: ").Append(reports.Index).Append('\n');
        text.Append(GateLine(outcome)).Append('\n');
        output.Write(text.ToString());
    }

    /// <summary><c>CONFORMANT (gate: must)</c>, or <c>NOT CONFORMANT (gate: must): id, id</c>.</summary>
    public static string GateLine(GateOutcome outcome)
    {
        var gate = $"gate: {Lower(outcome.Level)}";
        if (outcome.Passes)
        {
            return outcome.Baselined.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"CONFORMANT ({gate}, {outcome.Baselined.Count} baselined)")
                : $"CONFORMANT ({gate})";
        }

        var ids = outcome.Breaking.Select(c => c.Check.Id).ToList();
        if (outcome.StaleBreaks)
        {
            ids.AddRange(outcome.Stale.Select(e => $"{e.Id} (stale baseline entry)"));
        }

        return $"NOT CONFORMANT ({gate}): {string.Join(", ", ids)}";
    }

    /// <summary>The first line of a text, control characters replaced, cut to <see cref="MaxReason"/> characters.</summary>
    public static string OneLine(string text)
    {
        var first = text.ReplaceLineEndings("\n").Split('\n', 2)[0];
        var printable = Printable(first);
        return printable.Length <= MaxReason ? printable : string.Concat(printable.AsSpan(0, MaxReason - 1), "…");
    }

    public static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] != '\n' ? '\uFFFD' : source[i];
            }
        });

    /// <summary>A warning for each transport choice that weakens the run: TLS certificates not checked.</summary>
    public static IEnumerable<string> Warnings(TargetDefinition target)
    {
        if (target.Transport.InsecureTls)
        {
            yield return $"warning: target '{target.Name}': TLS certificates are NOT checked (tls.insecure: true); use this for test servers only";
        }
    }

    private static string VerdictWord(CheckResult check) => check.Verdict.ToString().ToUpperInvariant().PadRight(5);

    private static string Lower(GateLevel level) => level.ToString().ToLowerInvariant();

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a run wrote its reports: the target's index.html, its other files, and the cross-target index.</summary>
internal sealed record ReportPaths(string Html, IReadOnlyList<string> Others, string Index);
