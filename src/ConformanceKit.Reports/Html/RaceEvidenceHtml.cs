using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Races;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Reports.Html;

/// <summary>A race check's evidence: the figures, the outcome tables (rounds by number of winners, write
/// statuses) with bars, the rules not met, and each kept violation with its seed, a rerun command and the
/// operations that show it (each request linked to its exchange, its in-flight window on a timeline).</summary>
internal static class RaceEvidenceHtml
{
    public static void Write(StringBuilder html, string target, CheckResult check, RaceEvidence race, Func<int, string> exchangeAnchor)
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
            WriteViolation(html, target, check, violation, exchangeAnchor);
        }

        if (race.ViolationCount > race.Violations.Count)
        {
            html.Append("<p>").Append(N(race.ViolationCount - race.Violations.Count)).Append(" more violation(s) found; the first ").Append(N(race.Violations.Count)).Append(" are shown.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void WriteViolation(StringBuilder html, string target, CheckResult check, Violation violation, Func<int, string> exchangeAnchor)
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
                .Append(exchange >= 0 ? $"<a href=\"#{E(exchangeAnchor(exchange))}\">{request}</a>" : request).Append("</td><td>")
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

    private static string N(int value) => HtmlText.Number(value);

    private static string E(string text) => HtmlText.Encode(text);
}
