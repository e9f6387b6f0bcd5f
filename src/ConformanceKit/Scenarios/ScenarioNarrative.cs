using System.Globalization;
using System.Text;
using ConformanceKit.Races;

namespace ConformanceKit.Scenarios;

/// <summary>
/// A scenario told in plain lines, as <c>conformancekit explain</c> prints it: for scripted scenarios one line
/// per step (who sends what, what is captured, assumed and expected), for race scenarios what the clients do
/// and what the history checker and the race rules require. Placeholders are shown as written.
/// </summary>
public static class ScenarioNarrative
{
    public static IReadOnlyList<string> Lines(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var lines = new List<string> { Setup(scenario) };
        if (scenario.Race is { } race)
        {
            lines.AddRange(Race(race));
            return lines;
        }

        lines.AddRange(scenario.Steps.Select(Step));
        return lines;
    }

    private static string Setup(Scenario scenario) => scenario.Resource switch
    {
        ResourceSetup.Absent => "{resource} is a fresh path that is never created.",
        ResourceSetup.Existing => "{resource} is the target's resource.existing.",
        _ when scenario.Race?.Workload == RaceWorkload.ReadModifyWrite => $"{{resource}} is created fresh with the counter document {CounterDocument.Initial}.",
        _ => "{resource} is created fresh with the generated document {doc:initial}.",
    };

    private static IEnumerable<string> Race(RaceBlock race)
    {
        var clients = race.Clients.ToString(CultureInfo.InvariantCulture);
        if (race.Workload == RaceWorkload.ReadModifyWrite)
        {
            yield return $"{clients} clients, each on its own connection, read the counter; once all have read, each makes {race.Iterations.ToString(CultureInfo.InvariantCulture)} increments: PUT the counter plus one with If-Match set to the ETag it read, and after 412 read again and retry.";
            yield return "Expected: the final counter equals the number of writes answered 2xx, and the history checker finds no lost update, duplicate validator, broken chain or inconsistent final state.";
            yield break;
        }

        yield return $"{clients} clients, each on its own connection, read the current ETag; once all have, they are released together, each sending PUT with If-Match set to that ETag and a body of its own. Repeated for {race.Rounds.ToString(CultureInfo.InvariantCulture)} round(s), each on the ETag the previous round left.";
        yield return "Expected per round: exactly one 2xx, every other write 412, and the final read shows the winner's body and the ETag the winner got back; the history checker finds no violation.";
    }

    private static string Step(ScenarioStep step)
    {
        var request = step.Request;
        var action = step.Browser switch
        {
            BrowserAction.Navigate => $"the browser loads {request.Path} in a page",
            BrowserAction.Reload => "the browser reloads the page",
            BrowserAction.Fetch => $"a script on another origin sends fetch() {request.Method} {request.Path}",
            _ => $"{request.Method} {request.Path}",
        };
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{step.Number}. {step.Client}: {action}");
        foreach (var header in request.Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $", {header.Name}: {header.Value}");
        }

        if (request.Body is { } body)
        {
            text.Append(CultureInfo.InvariantCulture, $", body {body}");
        }

        if (step.Captures.Count > 0)
        {
            text.Append("; capture ").Append(string.Join(", ", step.Captures.Select(Capture)));
        }

        if (step.Wait is { } wait && Describe(wait.Until) is { } until)
        {
            text.Append(CultureInfo.InvariantCulture, $"; re-sent every {Milliseconds(wait.Every)} for at most {Milliseconds(wait.Within)} until {until}");
            if (wait.While is { } during && Describe(during) is { } condition)
            {
                text.Append(CultureInfo.InvariantCulture, $", as long as {condition}");
            }
        }

        if (Describe(step.Assume) is { } assumed)
        {
            text.Append("; applies only if ").Append(assumed);
        }

        if (Describe(step.Expect) is { } expected)
        {
            text.Append("; expect ").Append(expected);
        }

        return text.ToString();
    }

    private static string Capture(Capture capture) => capture.Source switch
    {
        CaptureSource.Status => $"{{{capture.Name}}} = status",
        CaptureSource.Body => $"{{{capture.Name}}} = body",
        CaptureSource.Page => $"{{{capture.Name}}} = the page's text",
        _ => $"{{{capture.Name}}} = {capture.HeaderName}",
    };

    private static string Milliseconds(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>An expectation in words (<c>status 200, ETag a strong entity-tag</c>), or null when it has no part.</summary>
    internal static string? Describe(Expectation expectation)
    {
        var parts = new List<string>();
        parts.AddRange(expectation.RequestHeaders.Select(h => $"the browser sent {Header(h)}"));
        if (expectation.Status is { } status)
        {
            parts.Add($"status {status}");
        }

        parts.AddRange(expectation.Headers.Select(Header));
        if (expectation.Body is { } body)
        {
            parts.Add(body.Condition switch
            {
                BodyCondition.Empty => "no content",
                BodyCondition.NotEmpty => "some content",
                BodyCondition.Equals => $"body = {body.Value}",
                _ => $"body not {body.Value}",
            });
        }

        if (expectation.Page is { } page)
        {
            parts.Add(page.Condition switch
            {
                BodyCondition.Empty => "the page shows nothing",
                BodyCondition.NotEmpty => "the page shows something",
                BodyCondition.Equals => $"the page shows {page.Value}",
                _ => $"the page does not show {page.Value}",
            });
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Header(HeaderExpectation h) => h.Condition switch
    {
        HeaderCondition.Present => $"{h.Name} present",
        HeaderCondition.Absent => $"no {h.Name}",
        HeaderCondition.Equals => $"{h.Name} = {h.Value}",
        HeaderCondition.NotEquals => $"{h.Name} present and not {h.Value}",
        HeaderCondition.EqualsIfPresent => $"{h.Name} absent or {h.Value}",
        HeaderCondition.NotAfter => $"{h.Name} not after {h.Value}",
        HeaderCondition.After => $"{h.Name} after {h.Value}",
        HeaderCondition.EntityTag => $"{h.Name} an entity-tag",
        HeaderCondition.StrongEntityTag => $"{h.Name} a strong entity-tag",
        _ => $"{h.Name} an HTTP-date",
    };
}
