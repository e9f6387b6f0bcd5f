using System.Globalization;
using System.Text;
using ConformanceKit.Reports.Html;
using static ConformanceKit.Load.Http.LoadHtml;

namespace ConformanceKit.Load.Http;

/// <summary>The run: target, workload, model, why it stopped, the gate, every threshold (with its first breach), and
/// per step its requests, rate, latency percentiles and errors.</summary>
public sealed class LoadRunSection(LoadReport report) : IReportSection
{
    public string Id => "load-run";

    public string Title => "Load run";

    public void WriteBody(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var load = report.Load;
        var drive = load.Model switch
        {
            "open" => $"open model: {HtmlText.Fixed(load.Rate ?? 0, "0.###")} iterations/s, at most {HtmlText.Number(load.MaxInFlight ?? 0)} in flight",
            "plan" => $"plan <code>{E(load.Plan ?? "")}</code>: {E(string.Join("; ", load.Phases ?? []))}",
            _ => $"closed model: {HtmlText.Number(load.Users ?? 0)} users",
        };
        html.Append("<p class=\"gate ").Append(report.Passed ? "ok\">Every threshold held" : "no\">" + E(Failed(report))).Append("</p>\n");
        html.Append("<table class=\"expect\"><tr><th scope=\"row\">workload</th><td><code>").Append(E(report.Workload)).Append("</code></td></tr>")
            .Append("<tr><th scope=\"row\">target</th><td>").Append(E(report.Target)).Append(" <small>(").Append(E(report.BaseUrl)).Append(")</small></td></tr>")
            .Append("<tr><th scope=\"row\">load</th><td>").Append(drive).Append(" for ").Append(HtmlText.Fixed(load.DurationSeconds, "0.###")).Append(" s")
            .Append(load.Resources is { } resources ? $", over {HtmlText.Number(resources)} resources" : "").Append("</td></tr>")
            .Append("<tr><th scope=\"row\">stopped</th><td>").Append(E(report.StopReason.ToString())).Append(report.StopMessage is { } why ? ": " + E(why) : "")
            .Append(" after ").Append(HtmlText.Fixed(report.DurationSeconds, "0.0")).Append(" s</td></tr>");
        if (report.ExitCode is { } code)
        {
            html.Append("<tr><th scope=\"row\">exit code</th><td>").Append(HtmlText.Number(code)).Append("</td></tr>");
        }

        html.Append("</table>\n");
        html.Append("<table><caption>Thresholds</caption><tr><th scope=\"col\">scenario</th><th scope=\"col\">threshold</th><th scope=\"col\">outcome</th><th scope=\"col\">final</th><th scope=\"col\">first breach</th></tr>\n");
        foreach (var t in report.Thresholds)
        {
            html.Append("<tr><td>").Append(E(t.Scenario)).Append("</td><td><code>").Append(E(t.Expression)).Append("</code></td><td><span class=\"v ")
                .Append(t.Passed ? "pass\">pass" : "fail\">fail").Append("</span></td><td>").Append(E(t.Message)).Append("</td><td>")
                .Append(t.FirstBreach is { } b ? $"at {HtmlText.Fixed(b.At.TotalSeconds, "0.0")} s: {E(b.Message)} ({HtmlText.Number(t.Breaches)} evaluations breached)" : "–")
                .Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        html.Append("<table><caption>Steps</caption><tr><th scope=\"col\">scenario</th><th scope=\"col\">step</th><th scope=\"col\" class=\"num\">requests</th><th scope=\"col\" class=\"num\">req/s</th>")
            .Append("<th scope=\"col\" class=\"num\">p50 ms</th><th scope=\"col\" class=\"num\">p90 ms</th><th scope=\"col\" class=\"num\">p99 ms</th><th scope=\"col\" class=\"num\">max ms</th><th scope=\"col\" class=\"num\">failed</th><th scope=\"col\">failure reasons</th></tr>\n");
        foreach (var scenario in report.Scenarios)
        {
            foreach (var step in scenario.Stats.Steps)
            {
                html.Append("<tr><td>").Append(E(scenario.Name)).Append("</td><td><code>").Append(E(step.Name)).Append("</code></td><td class=\"num\">").Append(HtmlText.Number(step.Count))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Fixed(step.Rps, "0.0"))
                    .Append("</td><td class=\"num\">").Append(Ms(step.Latency.At(50) ?? 0)).Append("</td><td class=\"num\">").Append(Ms(step.Latency.At(90) ?? 0))
                    .Append("</td><td class=\"num\">").Append(Ms(step.Latency.At(99) ?? 0)).Append("</td><td class=\"num\">").Append(Ms(step.Latency.MaxMs))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Number(step.Failed)).Append("</td><td>")
                    .Append(E(string.Join("; ", step.FailureReasons.Take(5).Select(r => $"{r.Key} ({r.Value.ToString(CultureInfo.InvariantCulture)})")))).Append("</td></tr>\n");
            }

            foreach (var problem in new[] { scenario.InitError, scenario.VerifyError, scenario.CleanupError }.OfType<string>())
            {
                html.Append("<tr><td>").Append(E(scenario.Name)).Append("</td><td colspan=\"9\">").Append(E(problem)).Append("</td></tr>\n");
            }
        }

        html.Append("</table>\n");
    }

    private static string Failed(LoadReport report)
    {
        var failed = report.Thresholds.Where(t => !t.Passed).Select(t => t.Expression).ToList();
        return failed.Count > 0
            ? $"Thresholds breached: {string.Join(", ", failed)}"
            : $"The run did not complete: {report.StopReason}";
    }
}

/// <summary>The conditional metrics (304 ratio, bytes saved; 412 rate, retries per successful write, lost updates) and,
/// per resource the writers loaded, what the history checker found, each violation with its operations.</summary>
public sealed class ConditionalSection(LoadReport report) : IReportSection
{
    public string Id => "load-conditional";

    public string Title => "Conditional requests";

    public void WriteBody(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var m = report.Conditional;
        var rows = new List<(string Name, string Value, string Meaning)>();
        if (m.Revalidations is { } revalidations)
        {
            rows.Add(("revalidations", HtmlText.Number(revalidations), "GETs of the readers (the first of each user is plain, the rest carry If-None-Match)"));
            rows.Add(("304 Not Modified", HtmlText.Number(m.NotModified ?? 0), "answers that let the reader keep its copy"));
            rows.Add(("304 ratio", Percent(m.NotModifiedRatio), "304s per revalidation"));
            rows.Add(("bytes saved", HtmlText.Number(m.BytesSaved ?? 0), "per 304, the full response's bytes minus the 304's, added up"));
            rows.Add(("bytes saved per 304", m.BytesSavedPerNotModified is { } per ? HtmlText.Fixed(per, "0.#") : "–", ""));
            rows.Add(("refetches", HtmlText.Number(m.Refetches ?? 0), "200s to a conditional GET: the resource had changed"));
        }

        if (m.Writes is { } writes)
        {
            rows.Add(("writes", HtmlText.Number(writes), "PUTs with If-Match"));
            rows.Add(("successful writes", HtmlText.Number(m.SuccessfulWrites ?? 0), "2xx"));
            rows.Add(("412 Precondition Failed", HtmlText.Number(m.Conflicts ?? 0), "writes refused because another got in first"));
            rows.Add(("412 rate", Percent(m.ConflictRate), "412s per write"));
            rows.Add(("retries", HtmlText.Number(m.Retries ?? 0), "writes made after a 412"));
            rows.Add(("retries per successful write", m.RetriesPerSuccessfulWrite is { } r ? HtmlText.Fixed(r, "0.00") : "–", ""));
            rows.Add(("given up", HtmlText.Number(m.GaveUp ?? 0), "increments abandoned after the maximum retries"));
            rows.Add(("lost updates", HtmlText.Number(m.LostUpdates ?? 0), "found by the history checker (and the counter rule); 0 on a correct server"));
            rows.Add(("history violations", HtmlText.Number(m.HistoryViolations ?? 0), "every anomaly the history checker found"));
            if (m.LostIncrements is { } increments)
            {
                rows.Add(("lost increments", HtmlText.Number(increments), "acknowledged increments the final counter does not show"));
            }
        }

        html.Append("<table class=\"expect\"><caption>Metrics</caption>");
        foreach (var (name, value, meaning) in rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(name)).Append("</th><td class=\"num\">").Append(value).Append("</td><td class=\"meta\">").Append(E(meaning)).Append("</td></tr>");
        }

        html.Append("</table>\n");
        if (report.Verifications.Count == 0)
        {
            return;
        }

        html.Append("<table><caption>Histories checked</caption><tr><th scope=\"col\">resource</th><th scope=\"col\" class=\"num\">operations</th><th scope=\"col\" class=\"num\">successful writes</th>")
            .Append("<th scope=\"col\" class=\"num\">no definite answer</th><th scope=\"col\" class=\"num\">violations</th><th scope=\"col\" class=\"num\">lost updates</th><th scope=\"col\" class=\"num\">seen live</th><th scope=\"col\">counter rule</th></tr>\n");
        foreach (var v in report.Verifications)
        {
            html.Append("<tr").Append(v.ViolationCount > 0 || v.Counter?.Outcome == "Broken" ? " class=\"off\"" : "").Append("><td><code>").Append(E(v.Resource)).Append("</code>")
                .Append(v.Truncated ? " <small>(history budget reached: later operations not kept)</small>" : "")
                .Append(v.FinalReadError is { } error ? "<br><small>" + E(error) + "</small>" : "")
                .Append("</td><td class=\"num\">").Append(HtmlText.Number(v.Operations)).Append("</td><td class=\"num\">").Append(HtmlText.Number(v.SuccessfulWrites))
                .Append("</td><td class=\"num\">").Append(HtmlText.Number(v.IndeterminateWrites)).Append("</td><td class=\"num\">").Append(HtmlText.Number(v.ViolationCount))
                .Append("</td><td class=\"num\">").Append(HtmlText.Number(v.LostUpdates)).Append("</td><td class=\"num\">").Append(HtmlText.Number(v.LiveLostUpdates)).Append("</td><td>");
            if (v.Counter is { } counter)
            {
                html.Append("<span class=\"v ").Append(counter.Outcome == "Holds" ? "pass" : counter.Outcome == "Broken" ? "fail" : "skip").Append("\">")
                    .Append(E(counter.Outcome)).Append("</span> ").Append(E(counter.Detail));
            }
            else
            {
                html.Append('–');
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var v in report.Verifications.Where(v => v.Violations.Count > 0))
        {
            html.Append("<div class=\"race\"><h3>Violations in <code>").Append(E(v.Resource)).Append("</code></h3>\n");
            foreach (var violation in v.Violations)
            {
                html.Append("<div class=\"violation\"><h4>").Append(E(violation.Kind)).Append(" (seed ").Append(HtmlText.Number(violation.Seed)).Append(")</h4><p>")
                    .Append(E(violation.Explanation)).Append("</p><pre>").Append(E(string.Join("\n", violation.Operations)))
                    .Append(violation.OperationCount > violation.Operations.Count ? E($"\n… {violation.OperationCount - violation.Operations.Count} more") : "").Append("</pre></div>\n");
            }

            if (v.ViolationCount > v.Violations.Count)
            {
                html.Append("<p class=\"meta\">… and ").Append(HtmlText.Number(v.ViolationCount - v.Violations.Count)).Append(" more violations (load.json lists the first ")
                    .Append(HtmlText.Number(v.Violations.Count)).Append(").</p>\n");
            }

            html.Append("</div>\n");
        }
    }
}

/// <summary>Latency (from the intended start) at each reported percentile, one line per scenario and step, as inline SVG,
/// with the same figures in a table.</summary>
public sealed class LatencyChartSection(LoadReport report) : IReportSection
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 12;
    private const int Right = 150;

    public string Id => "load-latency";

    public string Title => "Latency percentiles";

    public void WriteBody(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var series = report.Scenarios.SelectMany(s => s.Stats.Steps.Where(st => st.Latency.Count > 0).Select(st => (Name: $"{s.Name}/{st.Name}", st.Latency))).ToList();
        if (series.Count == 0)
        {
            html.Append("<p class=\"meta\">No request completed.</p>\n");
            return;
        }

        var percentiles = series[0].Latency.Percentiles.Select(p => p.Percentile).ToList();
        var max = Math.Max(series.Max(s => s.Latency.Percentiles.Select(p => p.Ms).DefaultIfEmpty(0).Max()), 0.001);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (percentiles.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(percentiles.Count - 1));
        double Y(double ms) => Top + plotHeight - (ms / max * plotHeight);
        html.Append("<figure class=\"seq\"><figcaption>Latency in ms at each percentile (from the intended start; higher is slower)</figcaption>")
            .Append("<svg width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" role=\"img\" aria-label=\"latency percentiles\">");
        Axes(html, plotWidth, plotHeight, max, "ms");
        for (var i = 0; i < percentiles.Count; i++)
        {
            html.Append("<text x=\"").Append(F(X(i))).Append("\" y=\"").Append(Height - 10).Append("\" text-anchor=\"middle\">p").Append(E(HtmlText.Fixed(percentiles[i], "0.###"))).Append("</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = string.Join(" ", series[s].Latency.Percentiles.Select((p, i) => F(X(i)) + "," + F(Y(p.Ms))));
            html.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\" points=\"").Append(points).Append("\"/>");
            foreach (var (p, i) in series[s].Latency.Percentiles.Select((p, i) => (p, i)))
            {
                html.Append("<circle r=\"3\" fill=\"").Append(colour).Append("\" cx=\"").Append(F(X(i))).Append("\" cy=\"").Append(F(Y(p.Ms))).Append("\"><title>")
                    .Append(E(series[s].Name)).Append(" p").Append(E(HtmlText.Fixed(p.Percentile, "0.###"))).Append(": ").Append(Ms(p.Ms)).Append(" ms</title></circle>");
            }

            html.Append("<text x=\"").Append(Width - Right + 10).Append("\" y=\"").Append(Top + 12 + (s * 16)).Append("\" fill=\"").Append(colour).Append("\">").Append(E(series[s].Name)).Append("</text>");
        }

        html.Append("</svg></figure>\n<table><caption>Latency in ms</caption><tr><th scope=\"col\">step</th>");
        foreach (var p in percentiles)
        {
            html.Append("<th scope=\"col\" class=\"num\">p").Append(E(HtmlText.Fixed(p, "0.###"))).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">mean</th><th scope=\"col\" class=\"num\">max</th></tr>\n");
        foreach (var (name, latency) in series)
        {
            html.Append("<tr><td><code>").Append(E(name)).Append("</code></td>");
            foreach (var p in latency.Percentiles)
            {
                html.Append("<td class=\"num\">").Append(Ms(p.Ms)).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(Ms(latency.MeanMs)).Append("</td><td class=\"num\">").Append(Ms(latency.MaxMs)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    internal static void Axes(StringBuilder html, int plotWidth, int plotHeight, double max, string unit)
    {
        html.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" x2=\"").Append(Left).Append("\" y2=\"").Append(Top + plotHeight).Append("\" stroke=\"#888\"/>")
            .Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(Top + plotHeight).Append("\" x2=\"").Append(Left + plotWidth).Append("\" y2=\"").Append(Top + plotHeight).Append("\" stroke=\"#888\"/>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = max * tick / 4;
            var y = Top + plotHeight - (plotHeight * tick / 4.0);
            html.Append("<line x1=\"").Append(Left - 4).Append("\" y1=\"").Append(F(y)).Append("\" x2=\"").Append(Left + plotWidth).Append("\" y2=\"").Append(F(y)).Append("\" stroke=\"#eee\"/>")
                .Append("<text x=\"").Append(Left - 6).Append("\" y=\"").Append(F(y + 4)).Append("\" text-anchor=\"end\">").Append(unit == "ms" ? Ms(value) : HtmlText.Fixed(value, "0")).Append("</text>");
        }
    }

    internal static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>Requests completed per second of the load, per scenario (failed ones as a second, red line), as inline SVG.</summary>
public sealed class ThroughputChartSection(LoadReport report) : IReportSection
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 60;
    private const int Bottom = 30;
    private const int Top = 12;
    private const int Right = 150;

    public string Id => "load-throughput";

    public string Title => "Throughput over time";

    public void WriteBody(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var series = report.Scenarios.Select(s => (s.Name, Seconds: s.Stats.Requests.PerSecond)).Where(s => s.Seconds.Count > 0).ToList();
        if (series.Count == 0)
        {
            html.Append("<p class=\"meta\">No request completed.</p>\n");
            return;
        }

        var seconds = series.Max(s => s.Seconds.Count);
        var max = Math.Max(1, series.Max(s => s.Seconds.Max(c => c.Total)));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int second) => Left + (seconds == 1 ? plotWidth / 2.0 : second * plotWidth / (double)(seconds - 1));
        double Y(long count) => Top + plotHeight - ((double)count / max * plotHeight);
        html.Append("<figure class=\"seq\"><figcaption>Requests completed per second (the last second may be partial)</figcaption>")
            .Append("<svg width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" role=\"img\" aria-label=\"throughput over time\">");
        LatencyChartSection.Axes(html, plotWidth, plotHeight, max, "req/s");
        var step = Math.Max(1, seconds / 10);
        for (var s = 0; s < seconds; s += step)
        {
            html.Append("<text x=\"").Append(LatencyChartSection.F(X(s))).Append("\" y=\"").Append(Height - 10).Append("\" text-anchor=\"middle\">").Append(HtmlText.Number(s)).Append(" s</text>");
        }

        for (var i = 0; i < series.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            var (name, counts) = series[i];
            html.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"2\" points=\"")
                .Append(string.Join(" ", counts.Select(c => LatencyChartSection.F(X(c.Second)) + "," + LatencyChartSection.F(Y(c.Total))))).Append("\"><title>")
                .Append(E(name)).Append("</title></polyline>");
            if (counts.Any(c => c.Failed > 0))
            {
                html.Append("<polyline fill=\"none\" stroke=\"#a40000\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\" points=\"")
                    .Append(string.Join(" ", counts.Select(c => LatencyChartSection.F(X(c.Second)) + "," + LatencyChartSection.F(Y(c.Failed))))).Append("\"><title>")
                    .Append(E(name)).Append(" failed</title></polyline>");
            }

            html.Append("<text x=\"").Append(Width - Right + 10).Append("\" y=\"").Append(Top + 12 + (i * 16)).Append("\" fill=\"").Append(colour).Append("\">").Append(E(name)).Append("</text>");
        }

        html.Append("</svg></figure>\n<p class=\"meta\">");
        foreach (var (name, counts) in series)
        {
            html.Append(E(name)).Append(": ").Append(HtmlText.Number(counts.Sum(c => c.Total))).Append(" requests in ").Append(HtmlText.Number(counts.Count))
                .Append(" seconds, at most ").Append(HtmlText.Number(counts.Max(c => c.Total))).Append(" in one second, ").Append(HtmlText.Number(counts.Sum(c => c.Failed))).Append(" failed. ");
        }

        html.Append("</p>\n");
    }
}

/// <summary>The status codes answered, per scenario and step, with their share as a bar.</summary>
public sealed class StatusMixSection(LoadReport report) : IReportSection
{
    public string Id => "load-status";

    public string Title => "Status mix";

    public void WriteBody(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<table><caption>Responses by status</caption><tr><th scope=\"col\">scenario</th><th scope=\"col\">step</th><th scope=\"col\">status</th><th scope=\"col\" class=\"num\">count</th><th scope=\"col\" class=\"num\">share</th><th scope=\"col\"></th></tr>\n");
        foreach (var scenario in report.Scenarios)
        {
            foreach (var step in scenario.Stats.Steps)
            {
                var rows = step.StatusCodes.Select(s => (Label: s.Key.ToString(CultureInfo.InvariantCulture), Count: s.Value)).ToList();
                if (step.NoStatus > 0)
                {
                    rows.Add(("no response", step.NoStatus));
                }

                foreach (var (label, count) in rows)
                {
                    var share = step.Count == 0 ? 0 : (double)count / step.Count;
                    html.Append("<tr><td>").Append(E(scenario.Name)).Append("</td><td><code>").Append(E(step.Name)).Append("</code></td><td>").Append(E(label))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Number(count)).Append("</td><td class=\"num\">").Append(Percent(share))
                        .Append("</td><td><span class=\"bar\" style=\"width:").Append(HtmlText.Fixed(share * 12, "0.##")).Append("rem\"></span></td></tr>\n");
                }
            }
        }

        html.Append("</table>\n");
    }
}
