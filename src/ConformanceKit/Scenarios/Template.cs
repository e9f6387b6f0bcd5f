using System.Globalization;
using System.Text;
using ConformanceKit.Http;

namespace ConformanceKit.Scenarios;

/// <summary>
/// Fills <c>{...}</c> placeholders in scenario strings. A <c>{</c> not followed by a placeholder name is
/// literal, so JSON bodies need no escaping. Placeholders:
/// <list type="bullet">
/// <item><c>{resource}</c> the scenario's resource path; <c>{collection}</c> the target's collection (POST); <c>{NAME}</c> a value captured by an earlier step;</item>
/// <item><c>{doc:NAME}</c> a generated JSON document (<c>{doc:initial}</c> is what a fresh resource starts with);</item>
/// <item><c>{slice:NAME:START:LENGTH}</c> bytes of a generated document;</item>
/// <item><c>{weak:NAME}</c>, <c>{strong:NAME}</c> a captured entity-tag made weak or strong;</item>
/// <item><c>{date:NAME:+N}</c>, <c>{date:now:-N}</c> a captured HTTP-date (or now) shifted by N seconds;</item>
/// <item><c>{asctime:NAME[:+N]}</c>, <c>{rfc850:NAME[:+N]}</c> a captured HTTP-date (shifted) in an obsolete format;</item>
/// <item><c>{other-etag}</c> a well-formed entity-tag no server has produced.</item>
/// </list>
/// </summary>
public static class Template
{
    public static string Fill(string text, TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var result = new StringBuilder(text.Length);
        foreach (var (literal, placeholder) in Split(text))
        {
            result.Append(literal);
            if (placeholder is not null)
            {
                result.Append(Evaluate(placeholder, context));
            }
        }

        return result.ToString();
    }

    /// <summary>Names of captures a string refers to (for checking, at load time, that they are captured first).</summary>
    public static IEnumerable<string> CaptureReferences(string text)
    {
        foreach (var (_, placeholder) in Split(text))
        {
            if (placeholder is null)
            {
                continue;
            }

            var parts = placeholder.Split(':');
            var name = parts.Length == 1
                ? (IsReserved(parts[0]) ? null : parts[0])
                : parts[0] switch
                {
                    "weak" or "strong" => parts[1],
                    "asctime" or "rfc850" => parts[1],
                    "date" when parts[1] != "now" => parts[1],
                    _ => null,
                };
            if (name is not null)
            {
                yield return name;
            }
        }
    }

    /// <summary>Problems with placeholder syntax (unknown function, wrong argument count), for load-time errors.</summary>
    public static string? SyntaxProblem(string text)
    {
        foreach (var (_, placeholder) in Split(text))
        {
            if (placeholder is null)
            {
                continue;
            }

            var parts = placeholder.Split(':');
            var ok = parts.Length == 1 || parts[0] switch
            {
                "doc" or "weak" or "strong" => parts.Length == 2 && parts[1].Length > 0,
                "asctime" or "rfc850" => parts.Length is 2 or 3 && parts[1].Length > 0 && (parts.Length == 2 || TryOffset(parts[2], out _)),
                "slice" => parts.Length == 4 && IsCount(parts[2]) && IsCount(parts[3]),
                "date" => parts.Length is 2 or 3 && parts[1].Length > 0 && (parts.Length == 2 || TryOffset(parts[2], out _)),
                _ => false,
            };
            if (!ok)
            {
                return $"placeholder {{{placeholder}}} is not one of {{NAME}}, {{resource}}, {{collection}}, {{doc:NAME}}, {{slice:NAME:START:LENGTH}}, {{weak:NAME}}, {{strong:NAME}}, {{date:NAME|now[:+N|-N]}}, {{asctime:NAME[:+N]}}, {{rfc850:NAME[:+N]}}, {{other-etag}}";
            }
        }

        return null;
    }

    private static string Evaluate(string placeholder, TemplateContext context)
    {
        var parts = placeholder.Split(':');
        if (parts.Length == 1)
        {
            return placeholder switch
            {
                "resource" => context.ResourcePath,
                "collection" => context.Collection,
                "other-etag" => $"\"ck-unmatched-{StableSeed.Of(context.RunSeed, context.ScenarioId, "other-etag"):x8}\"",
                _ => context.Capture(placeholder),
            };
        }

        switch (parts[0])
        {
            case "doc":
                return context.Documents.Get(parts[1]);
            case "slice":
                var document = context.Documents.Get(parts[1]);
                var start = int.Parse(parts[2], CultureInfo.InvariantCulture);
                var length = int.Parse(parts[3], CultureInfo.InvariantCulture);
                return document.Substring(Math.Min(start, document.Length), Math.Min(length, Math.Max(0, document.Length - start)));
            case "weak":
            case "strong":
                var text = context.Capture(parts[1]);
                if (!EntityTag.TryParse(text.Trim(), out var tag))
                {
                    throw new TemplateException($"{{{placeholder}}}: captured value '{text}' is not an entity-tag");
                }

                return (parts[0] == "weak" ? EntityTag.Weak(tag.Opaque) : EntityTag.Strong(tag.Opaque)).ToString();
            case "asctime":
            case "rfc850":
                var captured = context.Capture(parts[1]);
                if (!HttpDate.TryParse(captured, context.Now, out var date))
                {
                    throw new TemplateException($"{{{placeholder}}}: captured value '{captured}' is not an HTTP-date");
                }

                _ = TryOffset(parts.Length == 3 ? parts[2] : "+0", out var shift);
                date = date.AddSeconds(shift);
                return parts[0] == "asctime" ? HttpDate.FormatAsctime(date) : HttpDate.FormatRfc850(date);
            case "date":
                DateTimeOffset instant;
                if (parts[1] == "now")
                {
                    instant = context.Now;
                }
                else if (!HttpDate.TryParse(context.Capture(parts[1]), context.Now, out instant))
                {
                    throw new TemplateException($"{{{placeholder}}}: captured value '{context.Capture(parts[1])}' is not an HTTP-date");
                }

                _ = TryOffset(parts.Length == 3 ? parts[2] : "+0", out var seconds);
                return HttpDate.Format(instant.AddSeconds(seconds));
            default:
                return context.Capture(placeholder);
        }
    }

    // Slice bounds are digits only: a negative start or length would fail only at run time, inside Substring.
    private static bool IsCount(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    /// <summary>Single names with a meaning of their own; every other single name is a capture.</summary>
    private static bool IsReserved(string name) => name is "resource" or "collection" or "other-etag";

    private static bool TryOffset(string text, out int seconds) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seconds);

    private static IEnumerable<(string Literal, string? Placeholder)> Split(string text)
    {
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '{')
            {
                var end = i + 1;
                while (end < text.Length && IsNameChar(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] == '}' && end > i + 1 && char.IsAsciiLetter(text[i + 1]))
                {
                    yield return (text[literalStart..i], text[(i + 1)..end]);
                    i = end + 1;
                    literalStart = i;
                    continue;
                }
            }

            i++;
        }

        yield return (text[literalStart..], null);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-' or '+' or '.';
}
