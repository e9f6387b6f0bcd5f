using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>Writes summary.md, fit for a CI job summary (GitHub's <c>$GITHUB_STEP_SUMMARY</c>, a GitLab or
/// Azure DevOps markdown summary): the gate result, counts, and every check that did not pass (fail, error,
/// then warn), each on one table line with its section linked to the RFC. At most <see cref="MaxRows"/> rows
/// and <see cref="MaxMessage"/> characters per message, so a badly broken target cannot blow a job summary's
/// size limit; the rest is in index.html. Target-supplied text is kept to one line, control characters become
/// spaces, and Markdown and HTML metacharacters are escaped.</summary>
public static class MarkdownSummaryWriter
{
    public const int MaxRows = 50;

    public const int MaxMessage = 300;

    public static void Write(RunResult result, string path, GateLevel gate = GateLevel.Must) => ReportFile.WriteText(path, Render(result, gate));

    public static string Render(RunResult result, GateLevel gate = GateLevel.Must)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        var text = new StringBuilder();
        var gateName = gate == GateLevel.Should ? "SHOULD" : "MUST";
        var failing = result.Checks.Count(c => HtmlReportWriter.IsFailing(c, gate));
        text.Append("## ConformanceKit: ").Append(Escape(result.Target)).Append('\n').Append('\n');
        text.Append(Gate.Passes(result, gate)
            ? $"**Conformant** (gate {gateName}): no {(gate == GateLevel.Should ? "MUST or SHOULD" : "MUST")} broken, no check in error."
            : string.Create(CultureInfo.InvariantCulture, $"**Not conformant** (gate {gateName}): {failing} of {summary.Total} checks break the gate; see below.")).Append('\n').Append('\n');
        text.Append("| pass | fail | warn | info | skip | error | total |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {summary.Pass} | {summary.Fail} | {summary.Warn} | {summary.Info} | {summary.Skip} | {summary.Error} | {summary.Total} |\n");
        var notable = result.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Error or Verdict.Warn)
            .OrderBy(c => c.Verdict switch { Verdict.Fail => 0, Verdict.Error => 1, _ => 2 })
            .ThenBy(c => c.Check.Section, SectionOrder.Instance)
            .ThenBy(c => c.Check.Id, StringComparer.Ordinal)
            .ToList();
        if (notable.Count > 0)
        {
            text.Append("\n| verdict | check | section | level | what happened |\n|---|---|---|---|---|\n");
            foreach (var check in notable.Take(MaxRows))
            {
                text.Append("| ").Append(JsonResultsWriter.Name(check.Verdict))
                    .Append(" | `").Append(check.Check.Id).Append("` | [")
                    .Append(check.Check.Section).Append("](").Append(check.Check.SectionLink).Append(") | ")
                    .Append(JsonResultsWriter.Name(check.Check.Level)).Append(" | ")
                    .Append(Escape(Shorten(check.Message))).Append(" |\n");
            }

            if (notable.Count > MaxRows)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n… and {notable.Count - MaxRows} more that did not pass: see index.html.\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nSeed {result.Seed}, ConformanceKit {Escape(result.ToolVersion)}, {result.Duration.TotalSeconds:0.0} s. The evidence of every check is in index.html.\n");
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= MaxMessage ? text : string.Concat(text.AsSpan(0, MaxMessage - 1), "…");

    private static string Escape(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '&' or '~' or '!')
            {
                escaped.Append('\\');
            }

            escaped.Append(char.IsControl(c) ? ' ' : c);
        }

        return escaped.ToString();
    }
}
