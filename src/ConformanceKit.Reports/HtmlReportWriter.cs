using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Reports.Html;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes a target's index.html: one self-contained page that works from file:// with no network. It holds the
/// summary (target, time, tool version, counts per verdict and per level, the gate), the compliance matrix (one
/// column: this target), the filters, and per check (a <c>details</c> element, so the page reads without script)
/// its requirement linked to the RFC section, expected vs actual, a race check's evidence, a sequence diagram
/// when two clients or more took part (<see cref="SequenceDiagram"/>), and every exchange with its timings.
/// Optional sections (<see cref="HtmlReportOptions.Sections"/>) follow the checks. Everything that came from the
/// target goes through <see cref="HtmlText.Encode"/>; the Content-Security-Policy forbids every load and allows only
/// the page's own script, by hash.
/// </summary>
public static class HtmlReportWriter
{
    public static void Write(RunResult result, string path, HtmlReportOptions? options = null) => ReportFile.WriteText(path, Render(result, options));

    public static string Render(RunResult result, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= HtmlReportOptions.Default;
        var html = new StringBuilder();
        ReportPage.Begin(html, $"ConformanceKit: {result.Target}");
        html.Append("<header><h1>Conditional requests (RFC 9110 section 13): ").Append(E(result.Target)).Append("</h1>\n");
        html.Append("<div class=\"meta\">").Append(E(result.TargetKind)).Append(" target")
            .Append(result.Defects.Count > 0 ? ", defect modes: " + E(string.Join(", ", result.Defects)) : string.Empty)
            .Append(" · started <time datetime=\"").Append(E(result.StartedAt.ToString("o", CultureInfo.InvariantCulture))).Append("\">")
            .Append(E(result.StartedAt.ToString("u", CultureInfo.InvariantCulture))).Append("</time>")
            .Append(" · ").Append(HtmlText.Fixed(result.Duration.TotalSeconds, "0.0")).Append(" s")
            .Append(" · seed ").Append(HtmlText.Number(result.Seed))
            .Append(" · ConformanceKit ").Append(E(result.ToolVersion)).Append("</div>\n");
        html.Append("<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#matrix\">Compliance matrix</a><a href=\"#checks\">Checks</a>");
        foreach (var section in options.Sections)
        {
            html.Append("<a href=\"#").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</a>");
        }

        html.Append("</nav></header>\n");
        var outcome = Gate.Judge(result, options.Gate);
        WriteSummary(html, result, outcome);
        FilterBar.Write(html, result.Checks.Select(c => c.Check.Section), Gate.Breaking(options.Gate));
        html.Append("<section id=\"matrix\"><h2>Compliance matrix</h2>\n");
        var rows = result.Checks.Select(c => new MatrixRow(c.Check, [new MatrixCell(JsonResultsWriter.Name(c.Verdict), c.Message, "#" + c.Check.Id, IsFailing(result, c, options.Gate))])).ToList();
        ComplianceMatrix.Write(html, [new MatrixColumn(result.Target, null)], rows, counted: false);
        html.Append("</section>\n<section id=\"checks\"><h2>Checks</h2>\n<p class=\"meta\">Failing checks first. Open a check for its requirement, what was expected and what came back, the sequence of its exchanges and each exchange in full.</p>\n");
        foreach (var check in result.Checks.OrderBy(c => Severity(c.Verdict)).ThenBy(c => c.Check.Section, SectionOrder.Instance).ThenBy(c => c.Check.Id, StringComparer.Ordinal))
        {
            WriteCheck(html, result, check, outcome);
        }

        html.Append("</section>\n");
        foreach (var section in options.Sections)
        {
            html.Append("<section id=\"").Append(E(section.Id)).Append("\" class=\"extra\"><h2>").Append(E(section.Title)).Append("</h2>\n");
            section.WriteBody(html);
            html.Append("</section>\n");
        }

        ReportPage.End(html);
        return html.ToString();
    }

    /// <summary>Whether a check breaks the gate (<see cref="Gate.Breaks(RunResult, CheckResult, GateLevel)"/>): fail and
    /// error always, warn under the SHOULD gate, info too under ANY; never when the run's baseline names it.</summary>
    public static bool IsFailing(RunResult result, CheckResult check, GateLevel gate) => Gate.Breaks(result, check, gate);

    /// <summary>The exchanges that decided the verdict: those of the deciding step, or for a race those of its
    /// first violation's operations.</summary>
    public static IReadOnlySet<int> DecidingExchanges(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var deciding = new HashSet<int>();
        if (check.DecidingStep > 0)
        {
            for (var i = 0; i < check.Exchanges.Count; i++)
            {
                if (check.Exchanges[i].Step == check.DecidingStep)
                {
                    deciding.Add(i);
                }
            }
        }

        if (check.Race is { Violations: [var first, ..] })
        {
            deciding.UnionWith(first.Operations.Select(o => RaceText.ExchangeIndex(check, o)).Where(i => i >= 0));
        }

        return deciding;
    }

    private static void WriteSummary(StringBuilder html, RunResult result, GateOutcome outcome)
    {
        var summary = result.Summary;
        var gate = outcome.Level;
        var gateName = Gate.Name(gate);
        html.Append("<section id=\"summary\"><h2>Summary</h2>\n");
        html.Append("<p class=\"gate ").Append(outcome.Passes ? "ok" : "no").Append("\">")
            .Append(outcome.Passes
                ? $"Conformant (gate {gateName}): {Gate.Holds(gate)}"
                : outcome.Breaking.Count > 0
                    ? $"Not conformant (gate {gateName}): {HtmlText.Number(outcome.Breaking.Count)} of {HtmlText.Number(summary.Total)} checks break the gate{(outcome.StaleBreaks ? $", and {HtmlText.Number(outcome.Stale.Count)} stale baseline entries (strict baseline)" : string.Empty)}; see the failing checks below"
                    : $"Not conformant (gate {gateName}, strict baseline): {HtmlText.Number(outcome.Stale.Count)} stale baseline entries")
            .Append("</p>\n");
        if (result.StoppedEarly is { } stopped)
        {
            html.Append("<p class=\"gate no\">Stopped early: ").Append(E(stopped)).Append(". The checks not run are errors.</p>\n");
        }

        if (!result.Baseline.IsEmpty)
        {
            html.Append("<p class=\"baseline\">Baseline <code>").Append(E(result.Baseline.File)).Append("</code>")
                .Append(result.Baseline.Strict ? " (strict)" : string.Empty).Append(": ")
                .Append(HtmlText.Number(outcome.Baselined.Count)).Append(" known deviation(s) accepted by the gate");
            if (outcome.Stale.Count > 0)
            {
                html.Append("; stale entries, whose check passes now (remove them): ")
                    .Append(string.Join(", ", outcome.Stale.Select(e => $"<a href=\"#{E(e.Id)}\"><code>{E(e.Id)}</code></a> (line {HtmlText.Number(e.Line)})")));
            }

            html.Append("</p>\n");
        }

        html.Append("<table class=\"counts\"><caption>Checks per level and verdict</caption><tr><th scope=\"col\">level</th>");
        var verdicts = new[] { Verdict.Pass, Verdict.Fail, Verdict.Warn, Verdict.Info, Verdict.Skip, Verdict.Error };
        foreach (var verdict in verdicts)
        {
            html.Append("<th scope=\"col\"><span class=\"v ").Append(JsonResultsWriter.Name(verdict)).Append("\">").Append(JsonResultsWriter.Name(verdict)).Append("</span></th>");
        }

        html.Append("<th scope=\"col\">total</th></tr>\n");
        foreach (var level in new RequirementLevel?[] { RequirementLevel.Must, RequirementLevel.Should, RequirementLevel.May, null })
        {
            var checks = result.Checks.Where(c => level is null || c.Check.Level == level).ToList();
            html.Append(level is null ? "<tr class=\"all\"><th scope=\"row\">all</th>" : $"<tr><th scope=\"row\">{JsonResultsWriter.Name(level.Value)}</th>");
            foreach (var verdict in verdicts)
            {
                html.Append("<td>").Append(HtmlText.Number(checks.Count(c => c.Verdict == verdict))).Append("</td>");
            }

            html.Append("<td>").Append(HtmlText.Number(checks.Count)).Append("</td></tr>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static void WriteCheck(StringBuilder html, RunResult result, CheckResult check, GateOutcome outcome)
    {
        var target = result.Target;
        var verdict = JsonResultsWriter.Name(check.Verdict);
        var level = JsonResultsWriter.Name(check.Check.Level);
        var failing = IsFailing(result, check, outcome.Level);
        var entry = result.Baseline.Find(check.Check.Id);
        var status = entry is null ? null : JsonResultsWriter.BaselineStatus(outcome, check);
        html.Append("<details class=\"check").Append(failing ? " failing" : string.Empty).Append("\" id=\"").Append(E(check.Check.Id))
            .Append("\" data-check=\"").Append(E(check.Check.Id)).Append("\" data-count=\"\" data-verdict=\"").Append(verdict)
            .Append("\" data-failing=\"").Append(failing ? "yes" : "no").Append("\" data-level=\"").Append(level).Append("\" data-section=\"").Append(E(check.Check.Section)).Append("\"><summary>")
            .Append("<span class=\"v ").Append(verdict).Append("\">").Append(verdict).Append("</span> ")
            .Append("<code>").Append(E(check.Check.Id)).Append("</code> ")
            .Append(E(check.Check.Title)).Append(" <small>(")
            .Append(E(check.Check.Section)).Append(", ").Append(level).Append(")</small>");
        if (status == "baselined")
        {
            html.Append(" <span class=\"v baselined\">baselined</span><span class=\"msg\">known deviation: ").Append(E(entry!.Reason)).Append("</span>");
        }
        else if (status == "stale")
        {
            html.Append(" <span class=\"v stale\">stale baseline entry</span><span class=\"msg\">the check passes now: remove it from the baseline (line ").Append(HtmlText.Number(entry!.Line)).Append(")</span>");
        }

        if (check.Verdict != Verdict.Pass)
        {
            html.Append("<span class=\"msg\">").Append(E(check.Message)).Append("</span>");
        }

        html.Append("</summary>\n");
        html.Append("<p><a href=\"").Append(E(check.Check.SectionLink.ToString())).Append("\">RFC ").Append(E(check.Check.Section.Replace("/", " section ", StringComparison.Ordinal))).Append("</a> (")
            .Append(level).Append("): ").Append(E(check.Check.Requirement)).Append("</p>\n");
        html.Append("<p><strong>").Append(E(check.Message)).Append("</strong></p>\n");
        if (check.Expected is not null)
        {
            html.Append("<table class=\"expect\"><tr><th scope=\"row\">expected</th><td><code>").Append(E(check.Expected)).Append("</code></td></tr>")
                .Append("<tr><th scope=\"row\">actual</th><td><code>").Append(E(check.Actual ?? string.Empty)).Append("</code></td></tr></table>\n");
        }

        string Anchor(int index) => ExchangeAnchor(check, index);
        if (check.Race is { } race)
        {
            RaceEvidenceHtml.Write(html, target, check, race, Anchor);
        }

        var deciding = DecidingExchanges(check);
        if (SequenceDiagram.Applies(check))
        {
            SequenceDiagram.Write(html, check, Anchor, deciding);
        }

        if (check.Exchanges.Count > 0)
        {
            html.Append("<h3 class=\"meta\">").Append(HtmlText.Number(check.Exchanges.Count)).Append(check.Exchanges.Count == 1 ? " exchange" : " exchanges").Append("</h3>\n");
        }

        var first = check.Exchanges.Count > 0 ? check.Exchanges.Min(e => e.StartedAt) : default;
        for (var i = 0; i < check.Exchanges.Count; i++)
        {
            var exchange = check.Exchanges[i];
            var decisive = deciding.Contains(i);
            html.Append("<details class=\"exchange").Append(decisive ? " decisive\" open" : "\"").Append(" id=\"").Append(E(Anchor(i))).Append("\"><summary>")
                .Append(SequenceDiagram.StepName(exchange, check.Race is not null))
                .Append(" · client ").Append(E(exchange.Client))
                .Append(" · ").Append(E(SequenceDiagram.RequestLabel(exchange))).Append(" → ").Append(E(SequenceDiagram.ResponseLabel(exchange)))
                .Append(" · <span title=\"").Append(E(exchange.StartedAt.ToString("o", CultureInfo.InvariantCulture))).Append("\">at +")
                .Append(HtmlText.Fixed((exchange.StartedAt - first).TotalMilliseconds, "0.0")).Append(" ms</span>, took ")
                .Append(HtmlText.Fixed(exchange.Duration.TotalMilliseconds, "0.0")).Append(" ms")
                .Append(decisive ? " · <strong>decided the verdict</strong>" : string.Empty)
                .Append("</summary><pre>").Append(E(FormatExchange(exchange))).Append("</pre></details>\n");
        }

        html.Append("</details>\n");
    }

    private static string ExchangeAnchor(CheckResult check, int index) => $"{check.Check.Id}/exchange-{HtmlText.Number(index)}";

    /// <summary>The exchange as it would look on the wire (HTTP/1.1 style), bodies cut to 2 000 characters.</summary>
    public static string FormatExchange(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var text = new StringBuilder();
        text.Append(exchange.Request.Method).Append(' ').Append(exchange.Request.Url.PathAndQuery).Append('\n');
        foreach (var header in exchange.Request.Headers)
        {
            text.Append(header.Name).Append(": ").Append(header.Value).Append('\n');
        }

        if (exchange.Request.Body is { } body)
        {
            text.Append('\n').Append(Cut(body)).Append('\n');
        }

        text.Append('\n');
        if (exchange.Response is { } response)
        {
            if (response.RedirectedTo is { } redirected)
            {
                text.Append("(redirects followed; answered by ").Append(redirected.ToString()).Append(")\n");
            }

            text.Append(response.Version).Append(' ').Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(response.Reason).Append('\n');
            foreach (var header in response.Headers)
            {
                text.Append(header.Name).Append(": ").Append(header.Value).Append('\n');
            }

            if (response.BodyLength > 0)
            {
                text.Append('\n').Append(Cut(response.Body));
                if (response.BodyTruncated)
                {
                    text.Append("\n[... body cut after ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters]");
                }
            }
        }
        else
        {
            text.Append("(no response: ").Append(exchange.Error).Append(')');
        }

        return text.ToString();
    }

    private static string Cut(string text) => text.Length <= 2000 ? text : string.Concat(text.AsSpan(0, 2000), " [...]");

    private static int Severity(Verdict verdict) => verdict switch
    {
        Verdict.Fail => 0,
        Verdict.Error => 1,
        Verdict.Warn => 2,
        Verdict.Info => 3,
        Verdict.Pass => 4,
        _ => 5,
    };

    private static string E(string text) => HtmlText.Encode(text);
}
