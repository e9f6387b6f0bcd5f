using System.Text;

namespace ConformanceKit.Reports.Html;

/// <summary>The filter form the page script drives: failures only, level, section, free text. It is
/// <c>hidden</c> until the script shows it, so a reader without script sees no controls that do nothing.</summary>
internal static class FilterBar
{
    public static void Write(StringBuilder html, IEnumerable<string> sections, string failingMeaning)
    {
        html.Append("<form id=\"filters\" class=\"filters\" role=\"search\" hidden>")
            .Append("<label><input type=\"checkbox\" name=\"failures\"> failures only <small class=\"meta\">(").Append(HtmlText.Encode(failingMeaning)).Append(")</small></label>")
            .Append("<label>level <select name=\"level\"><option value=\"\">any</option><option>MUST</option><option>SHOULD</option><option>MAY</option></select></label>")
            .Append("<label>section <select name=\"section\"><option value=\"\">any</option>");
        foreach (var section in sections.Distinct(StringComparer.Ordinal).Order(SectionOrder.Instance))
        {
            html.Append("<option>").Append(HtmlText.Encode(section)).Append("</option>");
        }

        html.Append("</select></label>")
            .Append("<label>text <input type=\"search\" name=\"q\" placeholder=\"id, header, status, body…\"></label>")
            .Append("<button type=\"reset\">clear</button>")
            .Append("<output id=\"shown\" aria-live=\"polite\"></output></form>\n")
            .Append("<noscript><p class=\"meta\">Filters need script; every check is listed below.</p></noscript>\n");
    }
}
