using System.Globalization;
using ConformanceKit.Reports;
using ConformanceKit.Reports.Html;

namespace ConformanceKit.Load.Http;

/// <summary>
/// Writes load.html: a self-contained page (<see cref="SectionPage"/>: no remote load, the Content-Security-Policy of
/// every report) made of the load sections: the run and its gate (<see cref="LoadRunSection"/>), the conditional
/// metrics and what the history checks found (<see cref="ConditionalSection"/>), the latency percentiles and the
/// throughput over time as inline SVG (<see cref="LatencyChartSection"/>, <see cref="ThroughputChartSection"/>), and
/// the status mix (<see cref="StatusMixSection"/>). The sections are <see cref="IReportSection"/>s, so a conformance
/// report's index.html can carry them too (<see cref="HtmlReportOptions.Sections"/>).
/// </summary>
public static class LoadHtml
{
    public static IReadOnlyList<IReportSection> Sections(LoadReport report) =>
    [
        new LoadRunSection(report),
        new ConditionalSection(report),
        new LatencyChartSection(report),
        new ThroughputChartSection(report),
        new StatusMixSection(report),
    ];

    public static string Render(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return SectionPage.Render($"ConformanceKit load: {report.Target}", $"Load test: {report.Workload} against {report.Target}", Meta(report), Sections(report));
    }

    public static void Write(LoadReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        SectionPage.Write(path, $"ConformanceKit load: {report.Target}", $"Load test: {report.Workload} against {report.Target}", Meta(report), Sections(report));
    }

    private static string Meta(LoadReport report) =>
        $"{report.TargetKind} target{(report.Defects.Count > 0 ? ", defect modes: " + string.Join(", ", report.Defects) : "")} · started " +
        $"{report.StartedAt.ToString("u", CultureInfo.InvariantCulture)} · {report.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s · " +
        $"seed {report.Load.Seed.ToString(CultureInfo.InvariantCulture)} · ConformanceKit {report.ToolVersion}";

    internal static string E(string? text) => HtmlText.Encode(text);

    internal static string Ms(double ms) => ms switch
    {
        < 1 => HtmlText.Fixed(ms, "0.###"),
        < 100 => HtmlText.Fixed(ms, "0.##"),
        _ => HtmlText.Fixed(ms, "0"),
    };

    internal static string Percent(double? ratio) => ratio is { } r ? HtmlText.Fixed(r * 100, "0.##") + "%" : "–";

    /// <summary>Colours for series, in order.</summary>
    internal static readonly string[] Palette = ["#3465a4", "#c4602b", "#4e9a06", "#75507b", "#c4a000", "#06989a", "#a40000", "#555753"];
}
