using System.Globalization;
using System.Text;

namespace ConformanceKit.Reports.Html;

/// <summary>
/// The one way text gets into a report page. <see cref="Encode"/> is for element content and quoted
/// attribute values alike (it escapes <c>&lt; &gt; &amp; " '</c>); line breaks become <c>\n</c>, and other control
/// characters but tab, and lone surrogates, which a hostile target may send, become U+FFFD. Other characters
/// stay as they are (the page is UTF-8). Every string that is not a constant of this
/// project goes through it, including text inside the inline SVG.
/// </summary>
public static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var encoded = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': encoded.Append("&lt;"); break;
                case '>': encoded.Append("&gt;"); break;
                case '&': encoded.Append("&amp;"); break;
                case '"': encoded.Append("&quot;"); break;
                case '\'': encoded.Append("&#39;"); break;
                case '\r':
                    // CRLF and a lone CR are line breaks.
                    encoded.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n' or '\t': encoded.Append(c); break;
                case var _ when char.IsControl(c): encoded.Append('\uFFFD'); break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    encoded.Append(c).Append(text[++i]);
                    break;
                case var _ when char.IsSurrogate(c): encoded.Append('\uFFFD'); break;
                default: encoded.Append(c); break;
            }
        }

        return encoded.ToString();
    }

    /// <summary>An integer in the invariant culture (no grouping), safe anywhere in a page.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A fixed-point number in the invariant culture, e.g. <c>Fixed(1.25, "0.0")</c> is <c>1.3</c>.</summary>
    public static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static bool IsUnwanted(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
