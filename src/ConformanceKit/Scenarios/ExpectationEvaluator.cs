using System.Globalization;
using System.Text.Json.Nodes;
using ConformanceKit.Checks;
using ConformanceKit.Http;

namespace ConformanceKit.Scenarios;

/// <summary>Judges one response against a step's expectation: for a browser step the request the browser sent
/// first, then status, headers in file order, the body, and for a browser step the page's text. Returns the first
/// that does not hold, or null.</summary>
public static class ExpectationEvaluator
{
    public static ExpectationFailure? Evaluate(ScenarioStep step, RecordedResponse response, TemplateContext context) =>
        Evaluate(step, step?.Expect!, response, context);

    /// <summary>Judges <paramref name="expect"/> (a step's expectation or its assumption).</summary>
    public static ExpectationFailure? Evaluate(ScenarioStep step, Expectation expect, RecordedResponse response, TemplateContext context) =>
        Evaluate(step, expect, response, context, sent: null, page: null);

    /// <param name="sent">A browser step's request as the browser sent it (for <see cref="Expectation.RequestHeaders"/>).</param>
    /// <param name="page">A browser step's page text (for <see cref="Expectation.Page"/>).</param>
    public static ExpectationFailure? Evaluate(ScenarioStep step, Expectation expect, RecordedResponse response, TemplateContext context, RecordedRequest? sent, string? page)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(response);
        foreach (var header in expect.RequestHeaders)
        {
            var values = sent?.Headers.Where(h => string.Equals(h.Name, header.Name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList() ?? [];
            var actual = values.Count == 0 ? null : string.Join(", ", values);
            if (EvaluateHeader(header, actual, context) is { } problem)
            {
                return Failure(step, $"the browser's request {header.Name}", problem.Expected, problem.Actual);
            }
        }

        if (expect.Status is { } status && !status.Allows(response.Status))
        {
            return Failure(step, "status", status.ToString(), response.Status.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var header in expect.Headers)
        {
            if (EvaluateHeader(header, response.Field(header.Name), context) is { } problem)
            {
                return Failure(step, header.Name, problem.Expected, problem.Actual);
            }
        }

        if (expect.Body is { } body && EvaluateBody(body, response.Body, response.BodyLength, context) is { } bodyProblem)
        {
            return Failure(step, "body", bodyProblem.Expected, bodyProblem.Actual);
        }

        if (expect.Page is { } shown)
        {
            var text = page ?? string.Empty;
            if (EvaluateBody(shown, text, System.Text.Encoding.UTF8.GetByteCount(text), context) is { } pageProblem)
            {
                return Failure(step, "the page shows", pageProblem.Expected, pageProblem.Actual);
            }
        }

        return null;
    }

    private static (string Expected, string Actual)? EvaluateHeader(HeaderExpectation header, string? field, TemplateContext context)
    {
        var actual = field?.Trim();
        var shown = actual is null ? "no such header" : $"'{actual}'";
        switch (header.Condition)
        {
            case HeaderCondition.Present:
                return actual is null ? ("the header present", shown) : null;
            case HeaderCondition.Absent:
                return actual is null ? null : ("no such header", shown);
            case HeaderCondition.EntityTag:
                return actual is not null && EntityTag.TryParse(actual, out _) ? null : ("one valid entity-tag (RFC 9110 8.8.3)", shown);
            case HeaderCondition.StrongEntityTag:
                return actual is not null && EntityTag.TryParse(actual, out var tag) && !tag.IsWeak ? null : ("one strong entity-tag", shown);
            case HeaderCondition.HttpDate:
                return actual is not null && HttpDate.TryParse(actual, context.Now, out _) ? null : ("an HTTP-date (RFC 9110 5.6.7)", shown);
            case HeaderCondition.Equals:
                var expected = Template.Fill(header.Value!, context);
                return actual == expected ? null : ($"'{expected}'", shown);
            case HeaderCondition.EqualsIfPresent:
                var allowed = Template.Fill(header.Value!, context);
                return actual is null || actual == allowed ? null : ($"no such header, or '{allowed}'", shown);
            case HeaderCondition.NotAfter:
                var limitText = Template.Fill(header.Value!, context);
                if (!HttpDate.TryParse(limitText, context.Now, out var limit))
                {
                    throw new TemplateException($"'{limitText}' (compared with {header.Name}) is not an HTTP-date");
                }

                return actual is not null && HttpDate.TryParse(actual, context.Now, out var date) && date <= limit
                    ? null
                    : ($"an HTTP-date no later than {limitText}", shown);
            case HeaderCondition.After:
                var floorText = Template.Fill(header.Value!, context);
                if (!HttpDate.TryParse(floorText, context.Now, out var floor))
                {
                    throw new TemplateException($"'{floorText}' (compared with {header.Name}) is not an HTTP-date");
                }

                return actual is not null && HttpDate.TryParse(actual, context.Now, out var later) && later > floor
                    ? null
                    : ($"an HTTP-date later than {floorText}", shown);
            default:
                var unexpected = Template.Fill(header.Value!, context);
                return actual is not null && actual != unexpected ? null : ($"present and not '{unexpected}'", shown);
        }
    }

    private static (string Expected, string Actual)? EvaluateBody(BodyExpectation body, string actual, long length, TemplateContext context)
    {
        var shown = length == 0 ? "no content" : $"{length} bytes: {Excerpt(actual)}";
        switch (body.Condition)
        {
            case BodyCondition.Empty:
                return length == 0 ? null : ("no content", shown);
            case BodyCondition.NotEmpty:
                return length > 0 ? null : ("some content", shown);
            case BodyCondition.Equals:
                var expected = Template.Fill(body.Value!, context);
                return SameContent(expected, actual) ? null : ($"{Excerpt(expected)}", shown);
            default:
                var unexpected = Template.Fill(body.Value!, context);
                return SameContent(unexpected, actual) ? ($"anything but {Excerpt(unexpected)}", shown) : null;
        }
    }

    /// <summary>JSON documents compare as JSON (a server may re-serialise what it stored); anything else byte for byte.</summary>
    public static bool SameContent(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            var left = JsonNode.Parse(expected);
            var right = JsonNode.Parse(actual);
            return left is not null && right is not null && JsonNode.DeepEquals(left, right);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    private static ExpectationFailure Failure(ScenarioStep step, string subject, string expected, string actual) =>
        new(step.Number, step.Label, subject, expected, actual);
}
