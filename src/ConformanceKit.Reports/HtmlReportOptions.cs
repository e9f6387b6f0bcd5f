using ConformanceKit.Reports.Html;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>What shapes a target's index.html besides the run: the gate the run was judged by, and optional
/// sections other components render (see <see cref="IReportSection"/>), placed after the checks in this order.</summary>
public sealed record HtmlReportOptions
{
    public static HtmlReportOptions Default { get; } = new();

    public GateLevel Gate { get; init; } = GateLevel.Must;

    public IReadOnlyList<IReportSection> Sections { get; init; } = [];
}
