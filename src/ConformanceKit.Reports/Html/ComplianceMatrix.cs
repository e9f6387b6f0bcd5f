using System.Text;
using ConformanceKit.Checks;

namespace ConformanceKit.Reports.Html;

/// <summary>One target's column of the matrix: its name and, on the cross-target index, its page.</summary>
internal sealed record MatrixColumn(string Target, string? Href);

/// <summary>One check's verdict on one target, linking to the check's evidence.</summary>
internal sealed record MatrixCell(string Verdict, string Message, string Href, bool Failing);

/// <summary>One check's row: a cell per column, null where the target did not run the check.</summary>
internal sealed record MatrixRow(CheckInfo Check, IReadOnlyList<MatrixCell?> Cells);

/// <summary>
/// The compliance matrix, checks x targets: one row per check in section order, one column per target, each
/// cell the verdict linking to the check's evidence. A target page has one column; the cross-target index one
/// per target that has a results.json. Rows carry the filter attributes, so the filters narrow the matrix too.
/// </summary>
internal static class ComplianceMatrix
{
    /// <param name="html">Where the table goes.</param>
    /// <param name="columns">One per target.</param>
    /// <param name="rows">One per check.</param>
    /// <param name="counted">Whether the filters' "showing n of m checks" counts the rows (on the index, where
    /// the rows are the checks; a target page counts its check sections).</param>
    public static void Write(StringBuilder html, IReadOnlyList<MatrixColumn> columns, IReadOnlyList<MatrixRow> rows, bool counted)
    {
        html.Append("<table class=\"matrix\"><caption>").Append(HtmlText.Number(rows.Count)).Append(rows.Count == 1 ? " check" : " checks").Append(" × ")
            .Append(HtmlText.Number(columns.Count)).Append(columns.Count == 1 ? " target" : " targets").Append("</caption>\n<thead><tr><th scope=\"col\">check</th><th scope=\"col\">section</th><th scope=\"col\">level</th>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\" class=\"cell\">")
                .Append(column.Href is { } href ? $"<a href=\"{HtmlText.Encode(href)}\">{HtmlText.Encode(column.Target)}</a>" : HtmlText.Encode(column.Target))
                .Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows.OrderBy(r => r.Check.Section, SectionOrder.Instance).ThenBy(r => r.Check.Id, StringComparer.Ordinal))
        {
            var check = row.Check;
            html.Append("<tr data-check=\"").Append(HtmlText.Encode(check.Id)).Append(counted ? "\" data-count=\"\"" : "\"").Append(" data-failing=\"").Append(row.Cells.Any(c => c?.Failing == true) ? "yes" : "no")
                .Append("\" data-level=\"").Append(HtmlText.Encode(LevelName(check.Level))).Append("\" data-section=\"").Append(HtmlText.Encode(check.Section)).Append("\">")
                .Append("<th scope=\"row\"><code title=\"").Append(HtmlText.Encode(check.Title)).Append("\">").Append(HtmlText.Encode(check.Id)).Append("</code></th>")
                .Append("<td><a href=\"").Append(HtmlText.Encode(check.SectionLink.ToString())).Append("\">").Append(HtmlText.Encode(check.Section)).Append("</a></td>")
                .Append("<td>").Append(HtmlText.Encode(LevelName(check.Level))).Append("</td>");
            foreach (var cell in row.Cells)
            {
                html.Append("<td class=\"cell\">");
                if (cell is null)
                {
                    html.Append("<span class=\"none\" title=\"not run on this target\">–</span>");
                }
                else
                {
                    html.Append("<a href=\"").Append(HtmlText.Encode(cell.Href)).Append("\" title=\"").Append(HtmlText.Encode(cell.Message)).Append("\"><span class=\"v ")
                        .Append(HtmlText.Encode(cell.Verdict)).Append("\">").Append(HtmlText.Encode(cell.Verdict)).Append("</span></a>");
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    public static string LevelName(RequirementLevel level) => JsonResultsWriter.Name(level);
}
