using System.Globalization;
using System.Text;
using System.Xml;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes JUnit XML for CI systems: one <c>testsuite</c> per RFC section (in section order, each with its own
/// <c>tests</c>, <c>failures</c>, <c>errors</c>, <c>skipped</c>, <c>time</c> and <c>timestamp</c>), one
/// <c>testcase</c> per check. A testcase is named by the check id alone, which is stable, so CI history
/// follows a check when its title is reworded; its <c>classname</c> is
/// <c>conformancekit.&lt;target&gt;.rfc&lt;rfc&gt;-&lt;section&gt;</c> with dots as underscores (parsers that split
/// a classname at its last dot get the target as package and the section as class, and the same check on two
/// targets stays two tests). fail -> <c>failure</c> (requirement, expected vs actual, the deciding exchange),
/// error -> <c>error</c>, skip -> <c>skipped</c>; warn fails under the SHOULD and ANY gates, info under ANY, and
/// otherwise each passes with its message in <c>system-out</c>. A baselined check (a known deviation the gate
/// accepts) is <c>skipped</c> with the message <c>baselined: REASON (VERDICT: MESSAGE)</c>, and the evidence a
/// failure would carry in <c>system-out</c>: CI test views show it apart, with its reason, and do not count it as a
/// failure. A stale baseline entry (its check passes now) passes with a <c>system-out</c> note to remove it, or,
/// under a strict baseline, is a <c>failure</c> of type <c>stale-baseline</c>. Times are seconds with a dot and three decimals. A race check's
/// failure also carries its figures, the rules not met and each kept violation as
/// <see cref="Races.Violation.Describe"/> gives it (seed, then one line per operation). Characters XML 1.0
/// cannot carry (control bytes a hostile target sent, lone surrogates) are replaced with U+FFFD.
/// </summary>
public static class JunitWriter
{
    public static void Write(RunResult result, string path, GateLevel gate = GateLevel.Must) => ReportFile.WriteText(path, Render(result, gate));

    public static string Render(RunResult result, GateLevel gate = GateLevel.Must)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 };
        using (var writer = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", $"ConformanceKit: {Clean(result.Target)}");
            var timestamp = result.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            var judged = new Judged(result, Gate.Judge(result, gate));
            WriteCounts(writer, result.Checks, result.Duration, judged);
            writer.WriteAttributeString("timestamp", timestamp);
            foreach (var section in result.Checks.GroupBy(c => c.Check.Section).OrderBy(g => g.Key, SectionOrder.Instance))
            {
                writer.WriteStartElement("testsuite");
                writer.WriteAttributeString("name", section.Key);
                WriteCounts(writer, section.ToList(), TimeSpan.FromTicks(section.Sum(c => c.Duration.Ticks)), judged);
                writer.WriteAttributeString("timestamp", timestamp);
                foreach (var check in section)
                {
                    WriteCase(writer, result.Target, check, judged);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void WriteCounts(XmlWriter writer, IReadOnlyCollection<CheckResult> checks, TimeSpan duration, Judged judged)
    {
        writer.WriteAttributeString("tests", Number(checks.Count));
        writer.WriteAttributeString("failures", Number(checks.Count(c => judged.Kind(c) is CaseKind.Failure or CaseKind.StaleFailure)));
        writer.WriteAttributeString("errors", Number(checks.Count(c => judged.Kind(c) == CaseKind.Error)));
        writer.WriteAttributeString("skipped", Number(checks.Count(c => judged.Kind(c) is CaseKind.Skipped or CaseKind.Baselined)));
        writer.WriteAttributeString("time", Seconds(duration));
    }

    /// <summary><c>conformancekit.my_api.rfc9110-13_1_1</c> for target <c>my.api</c> and section <c>9110/13.1.1</c>.</summary>
    public static string ClassName(string target, string section)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(section);
        static string Part(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return $"conformancekit.{Part(target)}.rfc{Part(section.Replace('/', '-'))}";
    }

    private static void WriteCase(XmlWriter writer, string target, CheckResult check, Judged judged)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", check.Check.Id);
        writer.WriteAttributeString("classname", ClassName(target, check.Check.Section));
        writer.WriteAttributeString("time", Seconds(check.Duration));
        var entry = judged.Result.Baseline.Find(check.Check.Id);
        switch (judged.Kind(check))
        {
            case CaseKind.Failure:
                WriteProblem(writer, "failure", check);
                break;
            case CaseKind.Error:
                WriteProblem(writer, "error", check);
                break;
            case CaseKind.Skipped:
                writer.WriteStartElement("skipped");
                writer.WriteAttributeString("message", Clean(check.Message));
                writer.WriteEndElement();
                break;
            case CaseKind.Baselined:
                writer.WriteStartElement("skipped");
                writer.WriteAttributeString("message", Clean($"baselined: {entry!.Reason} ({JsonResultsWriter.Name(check.Verdict)}: {check.Message})"));
                writer.WriteEndElement();
                writer.WriteElementString("system-out", Clean($"Known deviation, accepted by the baseline {judged.Result.Baseline.File} (line {Number(entry.Line)}): {entry.Reason}\n{check.Verdict.ToString().ToUpperInvariant()}: {check.Message}\n\n{ProblemBody(check)}"));
                break;
            case CaseKind.StaleFailure:
                writer.WriteStartElement("failure");
                writer.WriteAttributeString("message", Clean(StaleNote(judged.Result.Baseline, entry!)));
                writer.WriteAttributeString("type", "stale-baseline");
                writer.WriteString(Clean($"{StaleNote(judged.Result.Baseline, entry!)}\nThe baseline is strict (--strict-baseline): an entry for a check that passes breaks the gate."));
                writer.WriteEndElement();
                break;
            default:
                if (entry is not null && check.Verdict == Verdict.Pass)
                {
                    writer.WriteElementString("system-out", Clean(StaleNote(judged.Result.Baseline, entry)));
                }
                else if (check.Verdict is Verdict.Warn or Verdict.Info)
                {
                    writer.WriteElementString("system-out", Clean($"{check.Verdict.ToString().ToUpperInvariant()} ({JsonResultsWriter.Name(check.Check.Level)}): {check.Message}"));
                }

                break;
        }

        writer.WriteEndElement();
    }

    private static string StaleNote(Baseline baseline, BaselineEntry entry) =>
        $"stale baseline entry: the check passes now; remove it from {baseline.File} (line {Number(entry.Line)}, reason: {entry.Reason})";

    private static void WriteProblem(XmlWriter writer, string element, CheckResult check)
    {
        writer.WriteStartElement(element);
        writer.WriteAttributeString("message", Clean(check.Message));
        writer.WriteAttributeString("type", element == "error" ? "not-evaluated" : JsonResultsWriter.Name(check.Check.Level));
        writer.WriteString(Clean(ProblemBody(check)));
        writer.WriteEndElement();
    }

    /// <summary>What a failure carries: title, requirement, expected vs actual, a race's figures, the deciding exchange.</summary>
    private static string ProblemBody(CheckResult check)
    {
        var body = new StringBuilder();
        body.Append(check.Check.Title).Append('\n');
        body.Append("requirement (RFC ").Append(check.Check.Section).Append(' ').Append(JsonResultsWriter.Name(check.Check.Level)).Append("): ").Append(check.Check.Requirement).Append('\n');
        if (check.Expected is not null)
        {
            body.Append("expected: ").Append(check.Expected).Append('\n');
            body.Append("actual:   ").Append(check.Actual).Append('\n');
        }

        if (check.Race is { } race)
        {
            body.Append('\n');
            if (check.Actual != race.Summary)
            {
                body.Append("race: ").Append(race.Summary).Append('\n');
            }

            if (race.StopReason is { } stop)
            {
                body.Append("stopped early: ").Append(stop).Append('\n');
            }

            foreach (var rule in race.UnmetRules)
            {
                body.Append("rule ").Append(RaceText.Kebab(rule.Rule)).Append(": ").Append(RaceText.Kebab(rule.Outcome)).Append(" (").Append(rule.Detail).Append(")\n");
            }

            foreach (var violation in race.Violations)
            {
                body.Append('\n').Append(violation.Describe()).Append('\n');
            }

            if (race.ViolationCount > race.Violations.Count)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n({race.ViolationCount - race.Violations.Count} more violation(s) not shown)\n");
            }
        }

        var deciding = RaceText.FirstViolationExchange(check)
            ?? check.Exchanges.LastOrDefault(e => e.Step == check.DecidingStep)
            ?? (check.Exchanges.Count > 0 ? check.Exchanges[^1] : null);
        if (deciding is not null)
        {
            body.Append('\n').Append(HtmlReportWriter.FormatExchange(deciding));
        }

        return body.ToString();
    }

    /// <summary>Replaces characters XML 1.0 cannot represent.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return clean.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private enum CaseKind
    {
        Passed,
        Failure,
        Error,
        Skipped,
        Baselined,
        StaleFailure,
    }

    /// <summary>A run and its gate outcome: what each testcase is.</summary>
    private sealed record Judged(RunResult Result, GateOutcome Outcome)
    {
        public CaseKind Kind(CheckResult check)
        {
            if (Outcome.Baselined.Any(b => ReferenceEquals(b.Check, check)))
            {
                return CaseKind.Baselined;
            }

            if (Outcome.StaleBreaks && check.Verdict == Verdict.Pass && Outcome.Stale.Any(e => e.Id == check.Check.Id))
            {
                return CaseKind.StaleFailure;
            }

            if (Outcome.Breaking.Any(b => ReferenceEquals(b, check)))
            {
                return check.Verdict == Verdict.Error ? CaseKind.Error : CaseKind.Failure;
            }

            return check.Verdict == Verdict.Skip ? CaseKind.Skipped : CaseKind.Passed;
        }
    }

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says what the file is.</summary>
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => ReportFile.Utf8;
    }
}
