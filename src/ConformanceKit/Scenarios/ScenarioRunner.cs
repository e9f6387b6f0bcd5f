using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Scenarios;

/// <summary>
/// Runs one scenario against an open target: decides whether it applies, prepares its resource, lets the
/// named clients send their steps in order, and turns the first expectation that does not hold into the
/// verdict. Network failures and unfillable placeholders end as an error verdict, never an exception.
/// Browser steps go to clients of <paramref name="browsers"/>; without one (or on a machine without a browser) a
/// scenario with browser steps is skipped with the reason.
/// </summary>
public sealed class ScenarioRunner(TargetSession session, int runSeed, string runNonce, IBrowserClientFactory? browsers = null)
{
    public const string SetupClient = "setup";

    public async Task<CheckResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var started = session.Time.GetTimestamp();
        var result = await RunCoreAsync(scenario, cancellationToken).ConfigureAwait(false);
        return result with { Duration = session.Time.GetElapsedTime(started) };
    }

    /// <summary>Why a scenario does not apply to this target, or null when it does.</summary>
    public static string? SkipReason(Scenario scenario, TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (name, wanted) in scenario.Requires)
        {
            var actual = target.Capabilities.Get(name);
            if (actual != wanted)
            {
                return $"needs capabilities.{name} = {Lower(wanted)}; target '{target.Name}' has {Lower(actual ?? false)}";
            }
        }

        return scenario.Resource switch
        {
            ResourceSetup.Fresh when !target.Capabilities.Writes => $"creates a fresh resource, but target '{target.Name}' has capabilities.writes = false",
            ResourceSetup.Fresh or ResourceSetup.Absent when target.Resource.PathTemplate is null => $"needs resource.path, which target '{target.Name}' does not set",
            ResourceSetup.Existing when target.Resource.Existing is null => $"needs resource.existing, which target '{target.Name}' does not set",
            _ => null,
        };

        static string Lower(bool value) => value ? "true" : "false";
    }

    private async Task<CheckResult> RunCoreAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        if (SkipReason(scenario, session.Target) is { } reason)
        {
            return CheckResult.Skipped(scenario.Check, reason);
        }

        if (scenario.UsesBrowser && (browsers is null || browsers.Unavailable is not null))
        {
            return CheckResult.Skipped(scenario.Check, browsers?.Unavailable ?? BrowserClients.NoBrowser);
        }

        var exchanges = new List<Exchange>();
        var documents = new DocumentFactory(runSeed, scenario.Id);
        var clients = new Dictionary<string, NamedClient>(StringComparer.Ordinal);
        var pages = new Dictionary<string, IBrowserClient>(StringComparer.Ordinal);
        try
        {
            using var setup = session.CreateClient(SetupClient);
            var (resourcePath, setupError) = await PrepareResourceAsync(scenario, setup, documents, exchanges, cancellationToken).ConfigureAwait(false);
            if (setupError is not null)
            {
                return CheckResult.Errored(scenario.Check, $"setup: {setupError}", exchanges);
            }

            if (scenario.Race is not null)
            {
                var raced = await RaceCheck.RunAsync(session, scenario, resourcePath!, setup, exchanges, runSeed, cancellationToken).ConfigureAwait(false);
                await CleanUpAsync(setup, resourcePath!, cancellationToken).ConfigureAwait(false);
                return raced;
            }

            var context = new TemplateContext(runSeed, scenario.Id, resourcePath!, documents, session.Time.GetUtcNow(), session.Target.Resource.Collection);
            var outcome = await RunStepsAsync(scenario, context, clients, pages, exchanges, cancellationToken).ConfigureAwait(false);
            if (scenario.Resource == ResourceSetup.Fresh)
            {
                await CleanUpAsync(setup, resourcePath!, cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            foreach (var page in pages.Values)
            {
                await page.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<CheckResult> RunStepsAsync(Scenario scenario, TemplateContext context, Dictionary<string, NamedClient> clients, Dictionary<string, IBrowserClient> pages, List<Exchange> exchanges, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var result = await RunStepsCoreAsync(scenario, context, clients, pages, exchanges, notes, cancellationToken).ConfigureAwait(false);
        return notes.Count == 0 ? result : result.WithNote(string.Join("; ", notes));
    }

    private async Task<CheckResult> RunStepsCoreAsync(Scenario scenario, TemplateContext context, Dictionary<string, NamedClient> clients, Dictionary<string, IBrowserClient> pages, List<Exchange> exchanges, List<string> notes, CancellationToken cancellationToken)
    {
        foreach (var step in scenario.Steps)
        {
            if (step.Browser is not null)
            {
                if (await RunBrowserStepAsync(scenario, step, context, pages, exchanges, notes, cancellationToken).ConfigureAwait(false) is { } ended)
                {
                    return ended;
                }

                continue;
            }

            if (!clients.TryGetValue(step.Client, out var client))
            {
                client = session.CreateClient(step.Client);
                clients.Add(step.Client, client);
            }

            Exchange exchange;
            try
            {
                exchange = step.Wait is null
                    ? await SendAsync(step, client, context, cancellationToken).ConfigureAwait(false)
                    : await SendUntilAsync(step, step.Wait, client, context, exchanges, notes, cancellationToken).ConfigureAwait(false);
            }
            catch (TemplateException e)
            {
                return NotEvaluated(scenario, step, "cannot build the request", e, exchanges);
            }

            exchanges.Add(exchange);
            if (exchange.Response is not { } response)
            {
                return CheckResult.Errored(scenario.Check, $"step {step.Number} ({step.Label}): {exchange.Error}", exchanges);
            }

            if (response.BodyTruncated)
            {
                return CheckResult.Errored(scenario.Check, $"step {step.Number} ({step.Label}): response body larger than {session.Settings.MaxBodyBytes} bytes; not evaluated", exchanges);
            }

            Capture(step, response, context, page: null);
            ExpectationFailure? failure;
            try
            {
                if (ExpectationEvaluator.Evaluate(step, step.Assume, response, context) is { } unmet)
                {
                    return CheckResult.Skipped(scenario.Check, $"not applicable: {unmet.Describe().Replace(": expected ", ": the check needs ", StringComparison.Ordinal)}", exchanges);
                }

                failure = ExpectationEvaluator.Evaluate(step, step.Expect, response, context);
            }
            catch (TemplateException e)
            {
                return NotEvaluated(scenario, step, "cannot evaluate the expectation", e, exchanges);
            }

            if (failure is not null)
            {
                return scenario.Kind == ScenarioKind.Observation
                    ? CheckResult.Observed(scenario.Check, $"{Observation(scenario.Otherwise!, context)} ({failure.Describe()})", failure.Step, exchanges)
                    : CheckResult.Broken(scenario.Check, failure, exchanges);
            }
        }

        return scenario.Kind == ScenarioKind.Observation
            ? CheckResult.Observed(scenario.Check, Observation(scenario.Finding!, context), scenario.Steps[^1].Number, exchanges)
            : CheckResult.Passed(scenario.Check, exchanges);
    }

    /// <summary>One browser step: the client (opened on first use) navigates, reloads or fetches; its wire exchanges
    /// become evidence; the step is judged on what the browser showed (see <see cref="BrowserObservation"/>). Returns
    /// the verdict when the step ends the check, or null to go on.</summary>
    private async Task<CheckResult?> RunBrowserStepAsync(Scenario scenario, ScenarioStep step, TemplateContext context, Dictionary<string, IBrowserClient> pages, List<Exchange> exchanges, List<string> notes, CancellationToken cancellationToken)
    {
        if (!pages.TryGetValue(step.Client, out var page))
        {
            try
            {
                page = await browsers!.OpenAsync(
                    new BrowserClientOptions(step.Client, session.Target.Headers.Select(h => new HeaderLine(h.Name, h.Value)).ToList(), session.Redactor, session.Settings.RequestTimeout, session.Settings.MaxBodyBytes),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (BrowserClientException e)
            {
                return CheckResult.Errored(scenario.Check, $"step {step.Number} ({step.Label}): the browser could not start: {e.Message}", exchanges);
            }

            pages.Add(step.Client, page);
        }

        BrowserObservation seen;
        try
        {
            seen = step.Browser switch
            {
                BrowserAction.Navigate => await page.NavigateAsync(step.Number, session.Resolve(Template.Fill(step.Request.Path, context)), cancellationToken).ConfigureAwait(false),
                BrowserAction.Reload => await page.ReloadAsync(step.Number, cancellationToken).ConfigureAwait(false),
                _ => await page.FetchAsync(step.Number, ScriptRequestFor(step, context), cancellationToken).ConfigureAwait(false),
            };
        }
        catch (TemplateException e)
        {
            return NotEvaluated(scenario, step, "cannot build the request", e, exchanges);
        }

        exchanges.AddRange(seen.Exchanges);
        if (seen.Response is not { } response)
        {
            return CheckResult.Errored(scenario.Check, $"step {step.Number} ({step.Label}): {seen.Error}", exchanges);
        }

        if (seen.Summary is { } summary)
        {
            notes.Add($"step {step.Number}: {summary}");
        }

        Capture(step, response, context, seen.Page);
        ExpectationFailure? failure;
        try
        {
            if (ExpectationEvaluator.Evaluate(step, step.Assume, response, context, seen.Sent, seen.Page) is { } unmet)
            {
                return CheckResult.Skipped(scenario.Check, $"not applicable: {Explained(unmet, seen).Describe().Replace(": expected ", ": the check needs ", StringComparison.Ordinal)}", exchanges);
            }

            failure = ExpectationEvaluator.Evaluate(step, step.Expect, response, context, seen.Sent, seen.Page);
        }
        catch (TemplateException e)
        {
            return NotEvaluated(scenario, step, "cannot evaluate the expectation", e, exchanges);
        }

        if (failure is null)
        {
            return null;
        }

        // The step's fix is for what the browser kept from the script; a server that answered wrongly needs another.
        var keptFromScript = seen.Blocked is not null || seen.Hidden.ContainsKey(failure.Subject);
        failure = Explained(failure, seen) with { Fix = keptFromScript ? step.Fix : null };
        return scenario.Kind == ScenarioKind.Observation
            ? CheckResult.Observed(scenario.Check, $"{Observation(scenario.Otherwise!, context)} ({failure.Describe()})", failure.Step, exchanges)
            : CheckResult.Broken(scenario.Check, failure, exchanges);
    }

    /// <summary>What the browser knew and the script could not: the CORS rule that blocked the answer, or why a
    /// field the answer carried could not be read.</summary>
    private static ExpectationFailure Explained(ExpectationFailure failure, BrowserObservation seen)
    {
        if (seen.Blocked is { } blocked)
        {
            return failure with { Actual = $"{(failure.Subject == "status" ? "no answer" : failure.Actual)}: the browser blocked it ({blocked})" };
        }

        return seen.Hidden.TryGetValue(failure.Subject, out var why) ? failure with { Actual = $"{failure.Actual} ({why})" } : failure;
    }

    /// <summary>A fetch step's request: its headers, a body with its content type (the step's, else the target's),
    /// and the target's own headers, as a script of the target's site would send them.</summary>
    private ScriptRequest ScriptRequestFor(ScenarioStep step, TemplateContext context)
    {
        var headers = session.Target.Headers.Select(h => new HeaderLine(h.Name, h.Value))
            .Concat(step.Request.Headers.Select(h => new HeaderLine(h.Name, Template.Fill(h.Value, context))))
            .ToList();
        var body = step.Request.Body is null ? null : Template.Fill(step.Request.Body, context);
        if (body is not null && (step.Request.ContentType ?? session.Target.Resource.ContentType) is { } contentType)
        {
            headers.Add(new HeaderLine("Content-Type", contentType));
        }

        return new ScriptRequest(step.Request.Method, session.Resolve(Template.Fill(step.Request.Path, context)), headers, body);
    }

    private Task<Exchange> SendAsync(ScenarioStep step, NamedClient client, TemplateContext context, CancellationToken cancellationToken)
    {
        var headers = step.Request.Headers.Select(h => new HeaderLine(h.Name, Template.Fill(h.Value, context))).ToList();
        var body = step.Request.Body is null ? null : Template.Fill(step.Request.Body, context);
        var contentType = body is null ? null : step.Request.ContentType ?? session.Target.Resource.ContentType;
        var url = session.Resolve(Template.Fill(step.Request.Path, context));
        return client.SendAsync(step.Number, new HttpMethod(step.Request.Method), url, headers, body, contentType, cancellationToken);
    }

    /// <summary>
    /// A step with <see cref="ScenarioStep.Wait"/>: sends its request until the response meets the wait's
    /// condition (captures taken from each response), at most for its bound and only while the response is in a
    /// state that may still turn into the awaited one, and returns the last exchange for
    /// the step to judge as usual. The first read also goes into the evidence when there were more, so the
    /// state the server started in is shown; the note says how long the step waited and whether the condition
    /// came to hold. A response that is missing or cut off ends the wait at once (the caller reports it).
    /// </summary>
    private async Task<Exchange> SendUntilAsync(ScenarioStep step, StepWait wait, NamedClient client, TemplateContext context, List<Exchange> exchanges, List<string> notes, CancellationToken cancellationToken)
    {
        var started = session.Time.GetTimestamp();
        var first = await SendAsync(step, client, context, cancellationToken).ConfigureAwait(false);
        var last = first;
        var reads = 1;
        var held = false;
        while (last.Response is { BodyTruncated: false } response)
        {
            Capture(step, response, context, page: null);
            if (ExpectationEvaluator.Evaluate(step, wait.Until, response, context) is null)
            {
                held = true;
                break;
            }

            if (wait.While is { } during && ExpectationEvaluator.Evaluate(step, during, response, context) is not null)
            {
                break; // nothing to wait for: this state will not turn into the one awaited
            }

            if (session.Time.GetElapsedTime(started) + wait.Every > wait.Within)
            {
                break;
            }

            await Task.Delay(wait.Every, session.Time, cancellationToken).ConfigureAwait(false);
            last = await SendAsync(step, client, context, cancellationToken).ConfigureAwait(false);
            reads++;
        }

        if (reads > 1)
        {
            exchanges.Add(first);
            var waited = session.Time.GetElapsedTime(started).TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var until = ScenarioNarrative.Describe(wait.Until);
            notes.Add(held
                ? $"step {step.Number} re-read for {waited} s ({reads} reads) until {until}"
                : $"step {step.Number} re-read for {waited} s ({reads} reads) and still not {until}");
        }

        return last;
    }

    /// <summary>An observation's text with what was captured filled in (e.g. the status the server chose);
    /// a value the run did not capture stays as its placeholder.</summary>
    private static string Observation(string text, TemplateContext context)
    {
        try
        {
            return Template.Fill(text, context);
        }
        catch (TemplateException)
        {
            return text;
        }
    }

    /// <summary>A value the scenario captures was not in the server's response (and no expectation asked for
    /// it): the check depends on an optional behaviour this server does not show, so it does not apply.</summary>
    private static CheckResult NotEvaluated(Scenario scenario, ScenarioStep step, string what, TemplateException e, IReadOnlyList<Exchange> exchanges) =>
        e.MissingCapture
            ? CheckResult.Skipped(scenario.Check, $"not applicable: {e.Message}", exchanges)
            : CheckResult.Errored(scenario.Check, $"step {step.Number} ({step.Label}): {what}: {e.Message}", exchanges);

    private static void Capture(ScenarioStep step, RecordedResponse response, TemplateContext context, string? page)
    {
        foreach (var capture in step.Captures)
        {
            switch (capture.Source)
            {
                case CaptureSource.Page:
                    context.Set(capture.Name, page ?? string.Empty);
                    break;
                case CaptureSource.Status:
                    context.Set(capture.Name, response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case CaptureSource.Body:
                    context.Set(capture.Name, response.Body);
                    break;
                default:
                    if (response.Field(capture.HeaderName!) is { } value)
                    {
                        context.Set(capture.Name, value.Trim());
                    }
                    else
                    {
                        context.SetMissing(capture.Name, $"step {step.Number}'s response ({response.Status}) had no {capture.HeaderName} header");
                    }

                    break;
            }
        }
    }

    /// <summary>Returns the scenario's resource path, or why it could not be prepared.</summary>
    private async Task<(string? Path, string? Error)> PrepareResourceAsync(Scenario scenario, NamedClient setup, DocumentFactory documents, List<Exchange> exchanges, CancellationToken cancellationToken)
    {
        var recipe = session.Target.Resource;
        switch (scenario.Resource)
        {
            case ResourceSetup.Existing:
                return (recipe.Existing, null);
            case ResourceSetup.Absent:
                return (recipe.PathFor(FreshId(scenario, "absent")), null);
        }

        var initial = scenario.Race is { } race ? RaceCheck.InitialContent(race, documents) : documents.Get("initial");
        Exchange exchange;
        if (recipe.Create == CreateMethod.Put)
        {
            var path = recipe.PathFor(FreshId(scenario, "fresh"));
            // If-None-Match: * creates without overwriting, and satisfies servers that require preconditions.
            exchange = await setup.SendAsync(0, HttpMethod.Put, session.Resolve(path), [new HeaderLine("If-None-Match", "*")], initial, recipe.ContentType, cancellationToken).ConfigureAwait(false);
            exchanges.Add(exchange);
            return exchange.Response is { Status: >= 200 and < 300 } ? (path, null) : (null, CreateFailure(exchange));
        }

        exchange = await setup.SendAsync(0, HttpMethod.Post, session.Resolve(recipe.Collection!), [], initial, recipe.ContentType, cancellationToken).ConfigureAwait(false);
        exchanges.Add(exchange);
        if (exchange.Response is not { Status: >= 200 and < 300 } response)
        {
            return (null, CreateFailure(exchange));
        }

        if (response.Field("Location") is not { } location || !Uri.TryCreate(exchange.Request.Url, location.Trim(), out var created))
        {
            return (null, $"POST {recipe.Collection} answered {response.Status} without a usable Location header, so the new resource cannot be found");
        }

        return (session.ToScenarioPath(created), null);
    }

    private static string CreateFailure(Exchange exchange) => exchange.Response is { } response
        ? $"creating the resource with {exchange.Request.Method} {exchange.Request.Url.AbsolutePath} answered {response.Status} {response.Reason}"
        : $"creating the resource with {exchange.Request.Method} {exchange.Request.Url.AbsolutePath} failed: {exchange.Error}";

    /// <summary>Best effort, not evidence: removes what the scenario created so remote servers do not fill up.</summary>
    private async Task CleanUpAsync(NamedClient setup, string path, CancellationToken cancellationToken)
    {
        await setup.SendAsync(0, HttpMethod.Delete, session.Resolve(path), [new HeaderLine("If-Match", "*")], null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unique per run (the nonce), readable in evidence (the scenario id).</summary>
    private string FreshId(Scenario scenario, string purpose) => $"{scenario.Id}-{purpose}-{runNonce}";
}
