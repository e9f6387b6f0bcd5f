using System.Text;

namespace ConformanceKit.Reports.Html;

/// <summary>
/// The frame of every report page: a Content-Security-Policy that forbids every load (<c>default-src
/// 'none'</c>) and allows only the inline style and the one script known by its hash, the style sheet, and at
/// the end the script. Such a page works from file:// with no network.
/// </summary>
internal static class ReportPage
{
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src 'sha256-{ReportScript.Hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public static void Begin(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<title>").Append(HtmlText.Encode(title)).Append("</title><style>").Append(ReportStyle.Css).Append("</style></head><body>\n");
    }

    public static void End(StringBuilder html) =>
        html.Append("<script>").Append(ReportScript.Source).Append("</script>\n</body></html>\n");
}
