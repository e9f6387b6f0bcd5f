using System.Globalization;
using System.Net;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes index.html: one self-contained page (inline style, no script, no remote loads: the
/// Content-Security-Policy forbids them) with the summary, one row per check, and per check the requirement,
/// expected vs actual and every exchange. Everything that came from the target is HTML-escaped.
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
            RenderCheck(html, check);
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void RenderCheck(StringBuilder html, CheckResult check)
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

        foreach (var exchange in check.Exchanges)
        {
            var decisive = exchange.Step > 0 && exchange.Step == check.DecidingStep;
            html.Append("<div").Append(decisive ? " class=\"decisive\"" : string.Empty).Append("><p>")
                .Append(exchange.Step == 0 ? "setup" : "step " + exchange.Step.ToString(CultureInfo.InvariantCulture))
                .Append(" · client ").Append(E(exchange.Client))
                .Append(" · ").Append(exchange.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" ms</p><pre>")
                .Append(E(FormatExchange(exchange))).Append("</pre></div>\n");
        }

        html.Append("</details>\n");
    }

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
