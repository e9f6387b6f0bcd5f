using System.Text;
using ConformanceKit.Reports.Html;

namespace ConformanceKit.Reports;

/// <summary>
/// A report page made of <see cref="IReportSection"/>s alone (the load report, say): the same frame as index.html (the
/// Content-Security-Policy that forbids every load, the style sheet, the page's one script by its hash), a heading, a
/// line of facts, the contents, then each section under its heading and anchor. Works from file:// with no network.
/// The heading and the line are text: they are escaped here, as every section must escape what it writes.
/// </summary>
public static class SectionPage
{
    public static void Write(string path, string title, string heading, string? meta, IReadOnlyList<IReportSection> sections) =>
        ReportFile.WriteText(path, Render(title, heading, meta, sections));

    public static string Render(string title, string heading, string? meta, IReadOnlyList<IReportSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var html = new StringBuilder();
        ReportPage.Begin(html, title);
        html.Append("<header><h1>").Append(HtmlText.Encode(heading)).Append("</h1>\n");
        if (meta is not null)
        {
            html.Append("<div class=\"meta\">").Append(HtmlText.Encode(meta)).Append("</div>\n");
        }

        html.Append("<nav class=\"toc\">");
        foreach (var section in sections)
        {
            html.Append("<a href=\"#").Append(HtmlText.Encode(section.Id)).Append("\">").Append(HtmlText.Encode(section.Title)).Append("</a>");
        }

        html.Append("</nav></header>\n");
        foreach (var section in sections)
        {
            html.Append("<section id=\"").Append(HtmlText.Encode(section.Id)).Append("\" class=\"extra\"><h2>").Append(HtmlText.Encode(section.Title)).Append("</h2>\n");
            section.WriteBody(html);
            html.Append("</section>\n");
        }

        ReportPage.End(html);
        return html.ToString();
    }
}
