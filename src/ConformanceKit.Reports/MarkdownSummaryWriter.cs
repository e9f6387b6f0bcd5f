using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>Writes summary.md, fit for a CI job summary (GitHub's <c>$GITHUB_STEP_SUMMARY</c>, a GitLab or
/// Azure DevOps markdown summary): the gate result, counts, and every check that did not pass (fail, error,
/// then warn; info too under the ANY gate; baselined ones after the rest, marked so), each on one table line with its section linked to the RFC. At most <see cref="MaxRows"/> rows
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
        var gateName = Gate.Name(gate);
        var outcome = Gate.Judge(result, gate);
        text.Append("## ConformanceKit: ").Append(Escape(result.Target)).Append('\n').Append('\n');
        text.Append(outcome.Passes
            ? $"**Conformant** (gate {gateName}): {Gate.Holds(gate)}."
            : outcome.Breaking.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"**Not conformant** (gate {gateName}): {outcome.Breaking.Count} of {summary.Total} checks break the gate{(outcome.StaleBreaks ? $", and {outcome.Stale.Count} stale baseline entries (strict baseline)" : string.Empty)}; see below.")
                : string.Create(CultureInfo.InvariantCulture, $"**Not conformant** (gate {gateName}, strict baseline): {outcome.Stale.Count} stale baseline entries; see below.")).Append('\n').Append('\n');
        if (result.StoppedEarly is { } stopped)
        {
            text.Append("**Stopped early**: ").Append(Escape(stopped)).Append(". The checks not run are errors.\n\n");
        }

        text.Append("| pass | fail | warn | info | skip | error | total |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture, $"| {summary.Pass} | {summary.Fail} | {summary.Warn} | {summary.Info} | {summary.Skip} | {summary.Error} | {summary.Total} |\n");
        var baselined = outcome.Baselined.Select(b => b.Check).ToHashSet();
        var notable = result.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Error or Verdict.Warn || (c.Verdict == Verdict.Info && gate == GateLevel.Any))
            .OrderBy(c => baselined.Contains(c) ? 1 : 0)
            .ThenBy(c => c.Verdict switch { Verdict.Fail => 0, Verdict.Error => 1, Verdict.Warn => 2, _ => 3 })
            .ThenBy(c => c.Check.Section, SectionOrder.Instance)
            .ThenBy(c => c.Check.Id, StringComparer.Ordinal)
            .ToList();
        if (notable.Count > 0)
        {
            text.Append("\n| verdict | check | section | level | what happened |\n|---|---|---|---|---|\n");
            foreach (var check in notable.Take(MaxRows))
            {
                var entry = baselined.Contains(check) ? result.Baseline.Find(check.Check.Id) : null;
                text.Append("| ").Append(JsonResultsWriter.Name(check.Verdict)).Append(entry is null ? string.Empty : " (baselined)")
                    .Append(" | `").Append(check.Check.Id).Append("` | [")
                    .Append(check.Check.Section).Append("](").Append(check.Check.SectionLink).Append(") | ")
                    .Append(JsonResultsWriter.Name(check.Check.Level)).Append(" | ")
                    .Append(Escape(Shorten(entry is null ? check.Message : $"baselined: {entry.Reason}. {check.Message}"))).Append(" |\n");
            }

            if (notable.Count > MaxRows)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n… and {notable.Count - MaxRows} more that did not pass: see index.html.\n");
            }
        }

        if (!result.Baseline.IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nBaseline `{Escape(Path.GetFileName(result.Baseline.File))}`: {outcome.Baselined.Count} known deviation(s) accepted by the gate.");
            if (outcome.Stale.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" {outcome.Stale.Count} stale entr{(outcome.Stale.Count == 1 ? "y" : "ies")} (the check passes now: remove {(outcome.Stale.Count == 1 ? "it" : "them")}{(outcome.StrictBaseline ? "; the strict baseline fails the gate" : string.Empty)}): ")
                    .Append(string.Join(", ", outcome.Stale.Select(e => string.Create(CultureInfo.InvariantCulture, $"`{e.Id}` (line {e.Line})")))).Append('.');
            }

            text.Append('\n');
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
