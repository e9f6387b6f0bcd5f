using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>Writes summary.md: counts, the gate result and every check that did not pass, fit for a CI job
/// summary. Target-supplied text is kept to one line and its Markdown metacharacters are escaped.</summary>
public static class MarkdownSummaryWriter
{
    public static void Write(RunResult result, string path) => ReportFile.WriteText(path, Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        var text = new StringBuilder();
        text.Append("## ConformanceKit: ").Append(Escape(result.Target)).Append('\n').Append('\n');
        text.Append(Gate.Passes(result) ? "**Conformant**: no MUST broken, no check in error." : "**Not conformant**: see below.").Append('\n').Append('\n');
        text.Append("| pass | fail | warn | info | skip | error | total |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {summary.Pass} | {summary.Fail} | {summary.Warn} | {summary.Info} | {summary.Skip} | {summary.Error} | {summary.Total} |\n");
        var notable = result.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Error or Verdict.Warn).ToList();
        if (notable.Count > 0)
        {
            text.Append("\n| verdict | check | section | level | what happened |\n|---|---|---|---|---|\n");
            foreach (var check in notable.OrderBy(c => c.Verdict).ThenBy(c => c.Check.Id, StringComparer.Ordinal))
            {
                text.Append("| ").Append(JsonResultsWriter.Name(check.Verdict))
                    .Append(" | `").Append(check.Check.Id).Append("` | ")
                    .Append(check.Check.Section).Append(" | ")
                    .Append(JsonResultsWriter.Name(check.Check.Level)).Append(" | ")
                    .Append(Escape(check.Message)).Append(" |\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\nSeed {result.Seed}, ConformanceKit {result.ToolVersion}, {result.Duration.TotalSeconds:0.0} s.\n");
        return text.ToString();
    }

    private static string Escape(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        var escaped = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(char.IsControl(c) ? ' ' : c);
        }

        return escaped.ToString();
    }
}
