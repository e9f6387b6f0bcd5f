using System.Globalization;
using System.Text;
using System.Xml;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes JUnit XML for CI systems: one <c>testsuite</c> per RFC section, one <c>testcase</c> per check.
/// fail -> <c>failure</c> (expected vs actual and the deciding exchange), error -> <c>error</c>,
/// skip -> <c>skipped</c>; warn and info pass, with their message in <c>system-out</c> (a SHOULD broken is
/// not a test failure unless the gate says so, and the JUnit file follows the default gate). A race check's
/// failure also carries its figures, the rules not met and each kept violation as
/// <see cref="Races.Violation.Describe"/> gives it (seed, then one line per operation). Characters
/// XML 1.0 cannot carry (control bytes a hostile target sent) are replaced with U+FFFD.
/// </summary>
public static class JunitWriter
{
    public static void Write(RunResult result, string path) => ReportFile.WriteText(path, Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = Encoding.UTF8 };
        using (var writer = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", $"ConformanceKit: {Clean(result.Target)}");
            WriteCounts(writer, result.Checks, result.Duration);
            writer.WriteAttributeString("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            foreach (var section in result.Checks.GroupBy(c => c.Check.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.WriteStartElement("testsuite");
                writer.WriteAttributeString("name", section.Key);
                WriteCounts(writer, section.ToList(), TimeSpan.FromTicks(section.Sum(c => c.Duration.Ticks)));
                foreach (var check in section)
                {
                    WriteCase(writer, check);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void WriteCounts(XmlWriter writer, IReadOnlyCollection<CheckResult> checks, TimeSpan duration)
    {
        writer.WriteAttributeString("tests", Number(checks.Count));
        writer.WriteAttributeString("failures", Number(checks.Count(c => c.Verdict == Verdict.Fail)));
        writer.WriteAttributeString("errors", Number(checks.Count(c => c.Verdict == Verdict.Error)));
        writer.WriteAttributeString("skipped", Number(checks.Count(c => c.Verdict == Verdict.Skip)));
        writer.WriteAttributeString("time", Seconds(duration));
    }

    private static void WriteCase(XmlWriter writer, CheckResult check)
    {
        writer.WriteStartElement("testcase");
        writer.WriteAttributeString("name", $"{check.Check.Id}: {Clean(check.Check.Title)}");
        writer.WriteAttributeString("classname", check.Check.Section);
        writer.WriteAttributeString("time", Seconds(check.Duration));
        switch (check.Verdict)
        {
            case Verdict.Fail:
                WriteProblem(writer, "failure", check);
                break;
            case Verdict.Error:
                WriteProblem(writer, "error", check);
                break;
            case Verdict.Skip:
                writer.WriteStartElement("skipped");
                writer.WriteAttributeString("message", Clean(check.Message));
                writer.WriteEndElement();
                break;
            case Verdict.Warn:
            case Verdict.Info:
                writer.WriteElementString("system-out", Clean($"{check.Verdict.ToString().ToUpperInvariant()} ({JsonResultsWriter.Name(check.Check.Level)}): {check.Message}"));
                break;
        }

        writer.WriteEndElement();
    }

    private static void WriteProblem(XmlWriter writer, string element, CheckResult check)
    {
        writer.WriteStartElement(element);
        writer.WriteAttributeString("message", Clean(check.Message));
        writer.WriteAttributeString("type", JsonResultsWriter.Name(check.Check.Level));
        var body = new StringBuilder();
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

        writer.WriteString(Clean(body.ToString()));
        writer.WriteEndElement();
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

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says what the file is.</summary>
    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => ReportFile.Utf8;
    }
}
