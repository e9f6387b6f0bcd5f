using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Reports.Html;

/// <summary>
/// An inline SVG sequence diagram of a check's exchanges, drawn on the server side so it shows without
/// script: a lifeline per client (the setup client first, when it sent anything) and one for the server;
/// per exchange an arrow for the request (method and conditional header fields) and a dashed one back for
/// the response (status, reason, ETag) or a red one for no response. The exchanges that decided the verdict
/// sit on a red band with a marked step label. Each message links to its exchange below the diagram; its
/// tooltip has the whole label. Labels are cut to <see cref="MaxLabel"/> characters and escaped.
/// </summary>
internal static class SequenceDiagram
{
    /// <summary>At most this many exchanges are drawn (a race keeps up to 40).</summary>
    public const int MaxExchanges = 40;

    public const int MaxLabel = 60;

    private const double CharWidth = 6.7;
    private const int Gutter = 64;
    private const int BoxHalf = 38;
    private const int Spacing = 96;
    private const int DenseSpacing = 84;
    private const int Top = 8;
    private const int BoxHeight = 24;
    private const int RowHeight = 50;

    private static readonly string[] ConditionalFields = ["If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range", "Range"];

    /// <summary>The clients that sent the scenario's requests, in order of first appearance, the setup client not counted.</summary>
    public static IReadOnlyList<string> Clients(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Exchanges.Select(e => e.Client).Where(c => c != ScenarioRunner.SetupClient).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A diagram is drawn for every scenario with two clients or more.</summary>
    public static bool Applies(CheckResult check) => Clients(check).Count >= 2;

    /// <param name="html">Where the figure goes.</param>
    /// <param name="check">The check whose exchanges are drawn.</param>
    /// <param name="anchor">The page anchor of exchange <c>i</c> (its index in <see cref="CheckResult.Exchanges"/>).</param>
    /// <param name="deciding">The indexes of the exchanges that decided the verdict.</param>
    public static void Write(StringBuilder html, CheckResult check, Func<int, string> anchor, IReadOnlySet<int> deciding)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(deciding);
        var race = check.Race is not null;
        string StepName(Exchange exchange) => SequenceDiagram.StepName(exchange, race);
        var order = Enumerable.Range(0, check.Exchanges.Count).OrderBy(i => check.Exchanges[i].StartedAt).Take(MaxExchanges).ToList();
        var participants = order.Select(i => check.Exchanges[i].Client).Distinct(StringComparer.Ordinal)
            .OrderBy(c => c == ScenarioRunner.SetupClient ? 0 : 1).ToList();
        var spacing = participants.Count > 6 ? DenseSpacing : Spacing;
        var x = participants.Select((_, i) => Gutter + BoxHalf + (i * spacing)).ToList();
        var messages = order.Select(i => (Index: i, Exchange: check.Exchanges[i], Request: RequestLabel(check.Exchanges[i]), Response: ResponseLabel(check.Exchanges[i]))).ToList();

        // The server stands right of every label: labels start beside their client and run over the others' lifelines.
        var serverX = x[^1] + 170.0;
        foreach (var m in messages)
        {
            var from = x[participants.IndexOf(m.Exchange.Client)];
            serverX = Math.Max(serverX, from + 20 + (CharWidth * Math.Max(Shorten(m.Request).Length, Shorten(m.Response).Length)));
        }

        var server = (int)Math.Ceiling(serverX);

        // Right of the server, on the first deciding message: what the check expected there.
        var note = check.Expected is { } expected && messages.Any(m => deciding.Contains(m.Index)) ? Shorten($"expected {expected}", 40) : null;
        var width = server + BoxHalf + 10 + (note is null ? 0 : (int)Math.Ceiling(CharWidth * note.Length));
        var height = Top + BoxHeight + 24 + (messages.Count * RowHeight) + 6;
        var decided = messages.Where(m => deciding.Contains(m.Index)).Select(m => StepName(m.Exchange)).Distinct(StringComparer.Ordinal).ToList();

        html.Append("<figure class=\"seq\"><figcaption>Sequence: ")
            .Append(HtmlText.Encode(Describe(participants))).Append(" and the server, ")
            .Append(HtmlText.Number(messages.Count)).Append(messages.Count == 1 ? " exchange" : " exchanges").Append(" in the order sent")
            .Append(messages.Count < check.Exchanges.Count ? $" (the first {HtmlText.Number(messages.Count)} of {HtmlText.Number(check.Exchanges.Count)})" : string.Empty)
            .Append(race ? "; racing requests were in flight together (their windows are in the race evidence)" : string.Empty)
            .Append(decided.Count > 0 ? $"; the highlighted {HtmlText.Encode(string.Join(", ", decided))} decided the verdict" : string.Empty)
            .Append(". Select a message for its exchange.</figcaption>\n");
        html.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"").Append(HtmlText.Number(width)).Append("\" height=\"").Append(HtmlText.Number(height))
            .Append("\" viewBox=\"0 0 ").Append(HtmlText.Number(width)).Append(' ').Append(HtmlText.Number(height)).Append("\" aria-label=\"sequence diagram\">\n");

        var y = Top + BoxHeight + 24;
        foreach (var m in messages.Where(m => deciding.Contains(m.Index)))
        {
            var top = y + (messages.IndexOf(m) * RowHeight) - 2;
            html.Append("<rect class=\"band\" x=\"2\" y=\"").Append(HtmlText.Number(top)).Append("\" width=\"").Append(HtmlText.Number(width - 4)).Append("\" height=\"44\" rx=\"4\" fill=\"#fdeaea\" stroke=\"#e4a5a5\"/>\n");
        }

        for (var i = 0; i < participants.Count; i++)
        {
            Lifeline(html, x[i], height, participants[i] == ScenarioRunner.SetupClient ? "setup" : "client " + participants[i], "client");
        }

        Lifeline(html, server, height, "server", "server");
        foreach (var m in messages)
        {
            var from = x[participants.IndexOf(m.Exchange.Client)];
            var isDeciding = deciding.Contains(m.Index);
            var color = isDeciding ? "#8a1111" : "#333";
            var requestY = y + 14;
            var responseY = requestY + 22;
            html.Append("<a href=\"#").Append(HtmlText.Encode(anchor(m.Index))).Append("\"><g class=\"msg").Append(isDeciding ? " deciding" : string.Empty)
                .Append("\" data-step=\"").Append(HtmlText.Number(m.Exchange.Step)).Append("\"><title>")
                .Append(HtmlText.Encode($"{StepName(m.Exchange)}, client {m.Exchange.Client}: {m.Exchange.Request.Method} {m.Exchange.Request.Url.PathAndQuery}{Conditions(m.Exchange, " ")} → {m.Response}"))
                .Append("</title>\n");
            // The whole message (both arrows and their labels) is the link's target area.
            html.Append("<rect class=\"hit\" x=\"").Append(HtmlText.Number(from)).Append("\" y=\"").Append(HtmlText.Number(requestY - 16)).Append("\" width=\"")
                .Append(HtmlText.Number(server - from)).Append("\" height=\"").Append(HtmlText.Number(responseY - requestY + 22)).Append("\" fill=\"transparent\"/>\n");
            html.Append("<text class=\"step\" x=\"").Append(HtmlText.Number(Gutter - 6)).Append("\" y=\"").Append(HtmlText.Number(requestY + 14)).Append("\" text-anchor=\"end\"")
                .Append(isDeciding ? " fill=\"#8a1111\" font-weight=\"bold\">▶ " : ">").Append(HtmlText.Encode(StepName(m.Exchange))).Append("</text>\n");
            Arrow(html, from, server, requestY, color, dashed: false, "request");
            Label(html, from + 8, requestY - 5, Shorten(m.Request), color, isDeciding);
            var failed = m.Exchange.Response is null;
            Arrow(html, server, from, responseY, failed ? "#b00020" : color, dashed: true, failed ? "response none" : "response");
            Label(html, from + 8, responseY - 5, Shorten(m.Response), failed ? "#b00020" : color, isDeciding);
            if (note is not null && isDeciding)
            {
                html.Append("<text class=\"expected\" x=\"").Append(HtmlText.Number(server + BoxHalf)).Append("\" y=\"").Append(HtmlText.Number(responseY - 5))
                    .Append("\" fill=\"#8a1111\" font-style=\"italic\">").Append(HtmlText.Encode(note)).Append("</text>\n");
                note = null;
            }

            html.Append("</g></a>\n");
            y += RowHeight;
        }

        html.Append("</svg></figure>\n");
    }

    /// <summary>The method and conditional header fields, e.g. <c>PUT If-Match: "2-ab"</c>.</summary>
    public static string RequestLabel(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.Request.Method + Conditions(exchange, " ");
    }

    /// <summary>Status, reason and ETag, e.g. <c>412 Precondition Failed · ETag: "3"</c>, or why there was no response.</summary>
    public static string ResponseLabel(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Response is not { } response)
        {
            return "✕ no response: " + (exchange.Error ?? "none recorded");
        }

        var label = $"{response.Status} {response.Reason}".TrimEnd();
        return response.Field("ETag") is { } etag ? $"{label} · ETag: {etag}" : label;
    }

    private static string Conditions(Exchange exchange, string lead)
    {
        var fields = exchange.Request.Headers.Where(h => ConditionalFields.Contains(h.Name, StringComparer.OrdinalIgnoreCase)).Select(h => $"{h.Name}: {h.Value}").ToList();
        return fields.Count == 0 ? string.Empty : lead + string.Join("; ", fields);
    }

    /// <summary><c>setup</c>, <c>step 4</c>, or for a race <c>round 2</c> (a race numbers its exchanges by round).</summary>
    public static string StepName(Exchange exchange, bool race)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return exchange.Step == 0 ? "setup" : (race ? "round " : "step ") + HtmlText.Number(exchange.Step);
    }

    private static string Describe(List<string> participants)
    {
        var clients = participants.Where(p => p != ScenarioRunner.SetupClient).ToList();
        var names = clients.Count <= 1 ? string.Join(string.Empty, clients) : string.Join(", ", clients.Take(clients.Count - 1)) + " and " + clients[^1];
        return (clients.Count == 1 ? "client " : "clients ") + names + (participants.Count > clients.Count ? " (after the setup client)" : string.Empty);
    }

    private static string Shorten(string label) => label.Length <= MaxLabel ? label : string.Concat(label.AsSpan(0, MaxLabel - 1), "…");

    private static void Lifeline(StringBuilder html, int x, int height, string name, string kind)
    {
        var fill = kind == "server" ? "#e8eef8" : "#f3f3f3";
        html.Append("<g class=\"lifeline ").Append(kind).Append("\"><rect x=\"").Append(HtmlText.Number(x - BoxHalf)).Append("\" y=\"").Append(HtmlText.Number(Top))
            .Append("\" width=\"").Append(HtmlText.Number(BoxHalf * 2)).Append("\" height=\"").Append(HtmlText.Number(BoxHeight)).Append("\" rx=\"3\" fill=\"").Append(fill).Append("\" stroke=\"#777\"/>")
            .Append("<text x=\"").Append(HtmlText.Number(x)).Append("\" y=\"").Append(HtmlText.Number(Top + 16)).Append("\" text-anchor=\"middle\">").Append(HtmlText.Encode(Shorten(name, 11))).Append("</text>")
            .Append("<line x1=\"").Append(HtmlText.Number(x)).Append("\" y1=\"").Append(HtmlText.Number(Top + BoxHeight)).Append("\" x2=\"").Append(HtmlText.Number(x)).Append("\" y2=\"").Append(HtmlText.Number(height - 4))
            .Append("\" stroke=\"").Append(kind == "server" ? "#667" : "#aaa").Append("\" stroke-dasharray=\"4 3\"/></g>\n");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static void Arrow(StringBuilder html, int from, int to, int y, string color, bool dashed, string kind)
    {
        var head = to > from ? to - 7 : to + 7;
        html.Append("<line class=\"").Append(kind).Append("\" x1=\"").Append(HtmlText.Number(from)).Append("\" y1=\"").Append(HtmlText.Number(y)).Append("\" x2=\"").Append(HtmlText.Number(head))
            .Append("\" y2=\"").Append(HtmlText.Number(y)).Append("\" stroke=\"").Append(color).Append("\" stroke-width=\"1.4\"").Append(dashed ? " stroke-dasharray=\"5 3\"" : string.Empty).Append("/>")
            .Append("<polygon points=\"").Append(HtmlText.Number(to)).Append(',').Append(HtmlText.Number(y)).Append(' ')
            .Append(HtmlText.Number(head)).Append(',').Append(HtmlText.Number(y - 4)).Append(' ').Append(HtmlText.Number(head)).Append(',').Append(HtmlText.Number(y + 4))
            .Append("\" fill=\"").Append(color).Append("\"/>\n");
    }

    private static void Label(StringBuilder html, int x, int y, string text, string color, bool bold)
    {
        html.Append("<text x=\"").Append(HtmlText.Number(x)).Append("\" y=\"").Append(HtmlText.Number(y)).Append("\" fill=\"").Append(color).Append('"')
            .Append(bold ? " font-weight=\"bold\"" : string.Empty).Append('>').Append(HtmlText.Encode(text)).Append("</text>\n");
    }
}
