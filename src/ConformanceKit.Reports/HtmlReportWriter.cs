using System.Globalization;
using System.Net;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes index.html: one self-contained page (inline style, no script, no remote loads: the
/// Content-Security-Policy forbids them) with the summary, one row per check, and per check the requirement,
/// expected vs actual, for a race check its evidence (figures, outcome tables, each violation with its seed
/// and the operations that show it), and every exchange. Everything that came from the target is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:80rem}
        h1{font-size:1.5rem;margin:0 0 .25rem} .meta{color:#555;margin-bottom:1rem}
        table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
        .v{font-weight:600;text-transform:uppercase;font-size:.8rem;padding:.1rem .4rem;border-radius:.25rem}
        .pass{background:#d8f5dd;color:#0b5d1e}.fail{background:#fbd9d9;color:#8a1111}.warn{background:#fdecc8;color:#7a4a00}
        .info{background:#dbe9fb;color:#143f7a}.skip{background:#eee;color:#555}.error{background:#f3d9fb;color:#5d117a}
        .gate{font-size:1.1rem;font-weight:600}.gate.ok{color:#0b5d1e}.gate.no{color:#8a1111}
        details{border:1px solid #ddd;border-radius:.3rem;margin:.5rem 0;padding:.3rem .6rem} summary{cursor:pointer}
        pre{background:#f6f6f6;padding:.5rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
        .decisive{border-left:4px solid #8a1111;padding-left:.4rem}
        .race h3{font-size:1rem;margin:.8rem 0 .3rem} .race h4{font-size:.95rem;margin:.2rem 0}
        .charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:.4rem 0} .charts table{width:auto}
        caption{text-align:left;font-weight:600;padding:.2rem 0} .num{text-align:right}
        .bar{display:inline-block;height:.7rem;background:#6b8fc7;vertical-align:middle;min-width:1px}
        tr.off td{background:#fbd9d9} .race code{white-space:nowrap}
        .violation{border-left:4px solid #8a1111;padding-left:.6rem;margin:.8rem 0}
        .track{display:block;width:10rem;height:.4rem;background:#eee;margin-top:.2rem} .track span{display:block;height:100%;background:#8a1111;min-width:2px}
        @media print{details{break-inside:avoid} details:not([open])>*:not(summary){display:none}}
        """;

    public static void Write(RunResult result, string path) => ReportFile.WriteText(path, Render(result));

    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        var summary = result.Summary;
        var conformant = Gate.Passes(result);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>ConformanceKit: ").Append(E(result.Target)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>Conditional requests (RFC 9110 section 13): ").Append(E(result.Target)).Append("</h1>\n");
        html.Append("<div class=\"meta\">").Append(E(result.TargetKind)).Append(" target")
            .Append(result.Defects.Count > 0 ? ", defect modes: " + E(string.Join(", ", result.Defects)) : string.Empty)
            .Append(" · started ").Append(E(result.StartedAt.ToString("u", CultureInfo.InvariantCulture)))
            .Append(" · ").Append(result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s")
            .Append(" · seed ").Append(result.Seed.ToString(CultureInfo.InvariantCulture))
            .Append(" · ConformanceKit ").Append(E(result.ToolVersion)).Append("</div>\n");
        html.Append("<p class=\"gate ").Append(conformant ? "ok\">Conformant: no MUST broken, no check in error" : "no\">Not conformant: see the failing checks below").Append("</p>\n");
        html.Append("<table><tr><th>pass</th><th>fail</th><th>warn</th><th>info</th><th>skip</th><th>error</th><th>total</th></tr><tr>");
        foreach (var count in new[] { summary.Pass, summary.Fail, summary.Warn, summary.Info, summary.Skip, summary.Error, summary.Total })
        {
            html.Append("<td>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
        }

        html.Append("</tr></table>\n<h2>Checks</h2>\n");
        foreach (var check in result.Checks.OrderBy(c => Severity(c.Verdict)).ThenBy(c => c.Check.Section, StringComparer.Ordinal).ThenBy(c => c.Check.Id, StringComparer.Ordinal))
        {
            RenderCheck(html, result.Target, check);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void RenderCheck(StringBuilder html, string target, CheckResult check)
    {
        var verdict = JsonResultsWriter.Name(check.Verdict);
        html.Append("<details id=\"").Append(E(check.Check.Id)).Append('"').Append(check.Verdict is Verdict.Fail or Verdict.Error ? " open" : string.Empty).Append("><summary>")
            .Append("<span class=\"v ").Append(verdict).Append("\">").Append(verdict).Append("</span> ")
            .Append("<code>").Append(E(check.Check.Id)).Append("</code> ")
            .Append(E(check.Check.Title)).Append(" <small>(")
            .Append(E(check.Check.Section)).Append(", ").Append(JsonResultsWriter.Name(check.Check.Level)).Append(")</small></summary>\n");
        html.Append("<p><a href=\"").Append(E(check.Check.SectionLink.ToString())).Append("\">RFC ").Append(E(check.Check.Section.Replace("/", " section ", StringComparison.Ordinal))).Append("</a>: ")
            .Append(E(check.Check.Requirement)).Append("</p>\n");
        html.Append("<p><strong>").Append(E(check.Message)).Append("</strong></p>\n");
        if (check.Expected is not null)
        {
            html.Append("<p>Expected: <code>").Append(E(check.Expected)).Append("</code><br>Actual: <code>").Append(E(check.Actual ?? string.Empty)).Append("</code></p>\n");
        }

        if (check.Race is { } race)
        {
            RenderRace(html, target, check, race);
        }

        for (var i = 0; i < check.Exchanges.Count; i++)
        {
            var exchange = check.Exchanges[i];
            var decisive = exchange.Step > 0 && exchange.Step == check.DecidingStep;
            html.Append("<div id=\"").Append(ExchangeAnchor(check, i)).Append('"').Append(decisive ? " class=\"decisive\"" : string.Empty).Append("><p>")
                .Append(exchange.Step == 0 ? "setup" : "step " + exchange.Step.ToString(CultureInfo.InvariantCulture))
                .Append(" · client ").Append(E(exchange.Client))
                .Append(" · ").Append(exchange.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" ms</p><pre>")
                .Append(E(FormatExchange(exchange))).Append("</pre></div>\n");
        }

        html.Append("</details>\n");
    }

    /// <summary>The race figures, the outcome tables (rounds by number of winners, write statuses), the rules
    /// not met, and each kept violation with its seed and its operations.</summary>
    private static void RenderRace(StringBuilder html, string target, CheckResult check, RaceEvidence race)
    {
        var id = E(check.Check.Id);
        html.Append("<section class=\"race\" aria-labelledby=\"").Append(id).Append("/race\"><h3 id=\"").Append(id).Append("/race\">Race evidence</h3>\n");
        html.Append("<p>").Append(E(race.Summary)).Append("</p>\n");
        html.Append("<p class=\"meta\">workload <code>").Append(E(race.Workload.Id())).Append("</code> · ").Append(N(race.Clients)).Append(" clients · seed ").Append(N(race.Seed)).Append(" · ")
            .Append(race.Workload == RaceWorkload.IfMatch
                ? $"{N(race.Done)} of {N(race.Planned)} rounds run"
                : $"{N(race.Planned)} increments asked of each client, {N(race.Done)} successful writes");
        if (race.StopReason is { } stop)
        {
            html.Append(" · stopped early: ").Append(E(stop));
        }

        html.Append("</p>\n<div class=\"charts\">\n");
        if (race.RoundsByWinners.Count > 0)
        {
            // One winner per round is what a correct server gives; other rows are marked.
            var max = race.RoundsByWinners.Values.Max();
            html.Append("<table><caption>Rounds by number of winners</caption><tr><th scope=\"col\">winners (2xx)</th><th scope=\"col\" class=\"num\">rounds</th><th scope=\"col\"><span class=\"meta\">share</span></th></tr>\n");
            foreach (var (winners, rounds) in race.RoundsByWinners.OrderBy(p => p.Key))
            {
                html.Append(winners == 1 ? "<tr>" : "<tr class=\"off\">").Append("<th scope=\"row\">").Append(N(winners)).Append("</th><td class=\"num\">").Append(N(rounds)).Append("</td><td>").Append(Bar(rounds, max)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        var statuses = race.WriteStatuses.ByStatus.Select(p => (Label: N(p.Key), Count: p.Value)).ToList();
        if (race.WriteStatuses.NoResponse > 0)
        {
            statuses.Add(("no response", race.WriteStatuses.NoResponse));
        }

        html.Append("<table><caption>Write statuses</caption><tr><th scope=\"col\">status</th><th scope=\"col\" class=\"num\">writes</th><th scope=\"col\"><span class=\"meta\">share</span></th></tr>\n");
        var most = statuses.Count == 0 ? 0 : statuses.Max(s => s.Count);
        foreach (var (label, count) in statuses)
        {
            html.Append("<tr><th scope=\"row\">").Append(label).Append("</th><td class=\"num\">").Append(N(count)).Append("</td><td>").Append(Bar(count, most)).Append("</td></tr>\n");
        }

        if (statuses.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">no write was sent</td></tr>\n");
        }

        html.Append("</table>\n</div>\n");
        if (race.UnmetRules.Count > 0)
        {
            html.Append("<table><caption>Race rules not met</caption><tr><th scope=\"col\">rule</th><th scope=\"col\">outcome</th><th scope=\"col\">what was seen</th></tr>\n");
            foreach (var rule in race.UnmetRules)
            {
                html.Append("<tr><td><code>").Append(RaceText.Kebab(rule.Rule)).Append("</code></td><td>").Append(RaceText.Kebab(rule.Outcome)).Append("</td><td>").Append(E(rule.Detail)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        foreach (var violation in race.Violations)
        {
            RenderViolation(html, target, check, violation);
        }

        if (race.ViolationCount > race.Violations.Count)
        {
            html.Append("<p>").Append(N(race.ViolationCount - race.Violations.Count)).Append(" more violation(s) found; the first ").Append(N(race.Violations.Count)).Append(" are shown.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void RenderViolation(StringBuilder html, string target, CheckResult check, Violation violation)
    {
        html.Append("<div class=\"violation\"><h4><code>").Append(violation.Kind.Id()).Append("</code> in ").Append(E(violation.HistoryLabel))
            .Append(" (seed ").Append(N(violation.Seed)).Append(")</h4>\n<p>").Append(E(violation.Explanation)).Append("</p>\n");
        html.Append("<p class=\"meta\">Run it again: <code>conformancekit run --target ").Append(E(target)).Append(" --seed ").Append(N(violation.Seed)).Append(" --only ").Append(E(check.Check.Id)).Append("</code></p>\n");
        var operations = violation.Operations;
        if (operations.Count == 0)
        {
            html.Append("</div>\n");
            return;
        }

        var from = operations.Min(o => o.Start);
        var span = operations.Max(o => o.End) - from;
        html.Append("<table><caption>The operations that show it</caption><tr><th scope=\"col\">operation</th><th scope=\"col\">request</th><th scope=\"col\">in flight</th>")
            .Append("<th scope=\"col\">status</th><th scope=\"col\">ETag returned</th><th scope=\"col\">content digest</th></tr>\n");
        foreach (var operation in operations)
        {
            var exchange = RaceText.ExchangeIndex(check, operation);
            var request = E(RaceText.Request(operation));
            html.Append("<tr><th scope=\"row\"><code>").Append(E(operation.Name)).Append("</code></th><td>")
                .Append(exchange >= 0 ? $"<a href=\"#{ExchangeAnchor(check, exchange)}\">{request}</a>" : request).Append("</td><td>")
                .Append(E(RaceText.Window(operation))).Append(Track(operation.Window, from, span)).Append("</td><td>")
                .Append(E(RaceText.Answer(operation))).Append("</td><td>")
                .Append(operation.ValidatorReturned is { } etag ? $"<code>{E(etag.ToString())}</code>" : "none").Append("</td><td>")
                .Append(operation.Digest is { } digest ? $"<code>{E(digest.Hex)}</code>" : "none").Append("</td></tr>\n");
        }

        html.Append("</table></div>\n");
    }

    /// <summary>A bar as wide as <paramref name="count"/> is a share of <paramref name="max"/>; the number beside it is what counts.</summary>
    private static string Bar(int count, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"<span class=\"bar\" aria-hidden=\"true\" style=\"width:{Percent(count, max) * 0.06:0.##}rem\"></span>");

    /// <summary>Where an operation's window lies within the slice's first start and last end.</summary>
    private static string Track(Interval window, TimeSpan from, TimeSpan span)
    {
        var left = span <= TimeSpan.Zero ? 0 : (window.Start - from) / span * 100;
        var width = span <= TimeSpan.Zero ? 100 : (window.End - window.Start) / span * 100;
        return string.Create(CultureInfo.InvariantCulture, $"<span class=\"track\" aria-hidden=\"true\"><span style=\"margin-left:{left:0.#}%;width:{width:0.#}%\"></span></span>");
    }

    private static double Percent(int count, int max) => max <= 0 ? 0 : count * 100.0 / max;

    private static string ExchangeAnchor(CheckResult check, int index) => $"{E(check.Check.Id)}/exchange-{N(index)}";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

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

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
