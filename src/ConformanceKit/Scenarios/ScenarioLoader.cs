using System.Globalization;
using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Json;
using ConformanceKit.Races;
using ConformanceKit.Targets;

namespace ConformanceKit.Scenarios;

/// <summary>
/// Loads suite files (suites/*.json): each is validated against suites/suite.schema.json, then mapped to
/// <see cref="Scenario"/>s, then checked for what a schema cannot see (ids unique across files, captures
/// defined before use, placeholder syntax). Any problem is a <see cref="ConfigurationException"/> naming
/// the file, the JSON path and the reason.
/// </summary>
public sealed class ScenarioLoader
{
    public const string SchemaFileName = "suite.schema.json";
    private readonly SchemaValidator _validator;

    public ScenarioLoader() => _validator = SchemaValidator.FromResource(SchemaFileName);

    /// <summary>Loads every suite file under the given files or folders (folders: *.json except schemas, sorted).</summary>
    public IReadOnlyList<Scenario> Load(IEnumerable<string> paths) => Collect(paths, problems: null);

    /// <summary>Checks every suite file under the given files or folders without stopping at the first
    /// problem: per file, every schema error (or else the first problem the schema cannot see), and ids used
    /// twice across files. The scenarios are those of the files without problems.</summary>
    public SuiteValidation Validate(IEnumerable<string> paths)
    {
        var problems = new List<ConfigurationException>();
        return new SuiteValidation(Collect(paths, problems), problems);
    }

    private List<Scenario> Collect(IEnumerable<string> paths, List<ConfigurationException>? problems)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var scenarios = new List<Scenario>();
        var seen = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        IEnumerable<string> expanded;
        try
        {
            expanded = ExpandPaths(paths).ToList();
        }
        catch (ConfigurationException e) when (problems is not null)
        {
            problems.Add(e);
            return scenarios;
        }

        foreach (var file in expanded)
        {
            IReadOnlyList<Scenario> loaded;
            JsonPositions positions;
            try
            {
                (loaded, positions) = Read(file, problems);
            }
            catch (ConfigurationException e) when (problems is not null)
            {
                problems.Add(e);
                continue;
            }

            foreach (var scenario in loaded)
            {
                if (seen.TryGetValue(scenario.Id, out var first))
                {
                    var path = $"{scenario.JsonPath}.id";
                    var error = new ConfigurationException(file, path, $"id '{scenario.Id}' is already used by {first.SourceFile} {first.JsonPath}", positions.Find(path));
                    if (problems is null)
                    {
                        throw error;
                    }

                    problems.Add(error);
                    continue;
                }

                seen.Add(scenario.Id, scenario);
                scenarios.Add(scenario);
            }
        }

        return scenarios;
    }

    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                throw new ConfigurationException(path, "$", "no such suite file or folder");
            }
        }
    }

    public IReadOnlyList<Scenario> LoadFile(string file) => Read(file, problems: null).Scenarios;

    /// <param name="problems">Null: throw the first problem. Otherwise duplicate members and schema errors are
    /// all added to it (and no scenario is returned when there are any); a later problem is still thrown.</param>
    private (IReadOnlyList<Scenario> Scenarios, JsonPositions Positions) Read(string file, List<ConfigurationException>? problems)
    {
        using var source = JsonFile.Read(file);
        var found = source.DuplicateErrors().Concat(_validator.Problems(source)).ToList();
        if (found.Count > 0)
        {
            if (problems is null)
            {
                throw found[0];
            }

            problems.AddRange(found);
            return ([], source.Positions);
        }

        var root = source.Root;
        var advice = root.OptionalString("advice");
        var scenarios = root.Property("scenarios").Items().Select(ParseScenario).Select(s => s.Advice is null && advice is not null ? s with { Advice = advice } : s).ToList();
        return (scenarios, source.Positions);
    }

    private static Scenario ParseScenario(JsonCursor cursor)
    {
        var level = cursor.RequiredString("level", "MUST, SHOULD or MAY") switch
        {
            "MUST" => RequirementLevel.Must,
            "SHOULD" => RequirementLevel.Should,
            _ => RequirementLevel.May,
        };
        var check = new CheckInfo(
            cursor.RequiredString("id", "a stable kebab-case id"),
            cursor.RequiredString("section", "RFC number / section"),
            level,
            cursor.RequiredString("title", "a short title"),
            cursor.RequiredString("requirement", "the rule in one sentence"));
        var kind = cursor.OptionalString("kind") == "observation" ? ScenarioKind.Observation : ScenarioKind.Requirement;
        var resource = cursor.OptionalString("resource") switch
        {
            "absent" => ResourceSetup.Absent,
            "existing" => ResourceSetup.Existing,
            _ => ResourceSetup.Fresh,
        };
        var requires = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (cursor.OptionalObject("requires") is { } section)
        {
            foreach (var (name, value) in section.Members())
            {
                requires[name] = value.Element.GetBoolean();
            }
        }

        if (cursor.Has("steps") == cursor.Has("race"))
        {
            throw cursor.Error(cursor.Has("steps")
                ? "a scenario has either \"steps\" or a \"race\" block, not both"
                : "a scenario needs \"steps\" (a scripted exchange) or a \"race\" block (racing clients)");
        }

        var steps = cursor.Has("steps")
            ? cursor.Property("steps").Items().Select((step, index) => ParseStep(step, index + 1)).ToList()
            : [];
        var scenario = new Scenario(check, kind, resource, requires, steps, cursor.File, cursor.Path)
        {
            Finding = cursor.OptionalString("finding"),
            Otherwise = cursor.OptionalString("otherwise"),
            Advice = cursor.OptionalString("advice"),
            Race = cursor.OptionalObject("race") is { } race ? ParseRace(race) : null,
        };
        CheckSemantics(scenario, cursor);
        return scenario;
    }

    private static RaceBlock ParseRace(JsonCursor cursor)
    {
        var workload = cursor.RequiredString("workload", "if-match or read-modify-write") == "read-modify-write"
            ? RaceWorkload.ReadModifyWrite
            : RaceWorkload.IfMatch;
        var defaultClients = workload == RaceWorkload.IfMatch ? RaceDefaults.Clients : RaceDefaults.ReadModifyWriteClients;
        return new RaceBlock(
            workload,
            OptionalInt(cursor, "clients") ?? defaultClients,
            OptionalInt(cursor, "rounds") ?? RaceDefaults.Rounds,
            OptionalInt(cursor, "iterations") ?? RaceDefaults.Iterations);

        static int? OptionalInt(JsonCursor cursor, string name) => cursor.Has(name) ? cursor.Property(name).Element.GetInt32() : null;
    }

    private static ScenarioStep ParseStep(JsonCursor cursor, int number)
    {
        var browser = cursor.OptionalString("browser") switch
        {
            null => (BrowserAction?)null,
            "navigate" => BrowserAction.Navigate,
            "reload" => BrowserAction.Reload,
            _ => BrowserAction.Fetch,
        };
        if (browser == BrowserAction.Reload && cursor.Has("request"))
        {
            throw cursor.Error("request", "a reload step sends no request of its own: the browser reloads the page its client's last navigate step loaded");
        }

        if (browser != BrowserAction.Reload && !cursor.Has("request"))
        {
            throw cursor.Error("request", "required field is missing (only a \"browser\": \"reload\" step has no request)");
        }

        var headers = new List<HeaderTemplate>();
        var requestTemplate = new RequestTemplate("GET", string.Empty, headers, null, null);
        if (cursor.Has("request"))
        {
            var request = cursor.Property("request");
            if (request.OptionalObject("headers") is { } headerSection)
            {
                foreach (var (name, value) in headerSection.Members())
                {
                    var lines = value.Element.ValueKind == JsonValueKind.Array
                        ? value.Element.EnumerateArray().Select(v => v.GetString()!)
                        : [value.Element.GetString()!];
                    headers.AddRange(lines.Select(line => new HeaderTemplate(name, line)));
                }
            }

            requestTemplate = new RequestTemplate(
                request.RequiredString("method", "an HTTP method"),
                request.OptionalString("path") ?? "{resource}",
                headers,
                request.OptionalString("body"),
                request.OptionalString("contentType"));
            if (browser == BrowserAction.Navigate && (requestTemplate.Method != "GET" || headers.Count > 0 || requestTemplate.Body is not null || requestTemplate.ContentType is not null))
            {
                throw cursor.Error("request", "a navigate step loads a page as the address bar does: a GET with no headers or body of its own (use \"browser\": \"fetch\" for a script's request)");
            }
        }

        var captures = new List<Capture>();
        if (cursor.OptionalObject("capture") is { } captureSection)
        {
            foreach (var (name, value) in captureSection.Members())
            {
                var source = value.Element.GetString()!;
                captures.Add(source switch
                {
                    "body" => new Capture(name, CaptureSource.Body, null),
                    "status" => new Capture(name, CaptureSource.Status, null),
                    "page" => new Capture(name, CaptureSource.Page, null),
                    _ => new Capture(name, CaptureSource.Header, source["header:".Length..]),
                });
            }
        }

        var assume = cursor.OptionalObject("assume") is { } assumeSection ? ParseExpectation(assumeSection) : Expectation.None;
        var expect = cursor.OptionalObject("expect") is { } expectSection ? ParseExpectation(expectSection) : Expectation.None;
        if (browser != BrowserAction.Fetch && cursor.Has("fix"))
        {
            throw cursor.Error("fix", "only a browser fetch step has a fix: it says how a server fixes what the browser kept from the script");
        }

        if (browser is not null && cursor.Has("waitFor"))
        {
            throw cursor.Error("waitFor", "a browser step cannot wait: the browser decides what it sends; wait in an HTTP step before it");
        }

        return new ScenarioStep(number, cursor.RequiredString("client", "a client name such as A"), requestTemplate, captures, assume, expect, cursor.Path)
        {
            Wait = cursor.OptionalObject("waitFor") is { } waitSection ? ParseWait(waitSection, requestTemplate.Method) : null,
            Browser = browser,
            Fix = cursor.OptionalString("fix"),
        };
    }

    /// <summary><c>"waitFor": { "until": {...}, "while": {...}, "within": 1500, "every": 100 }</c> (milliseconds;
    /// the schema bounds them). Only a GET or HEAD may wait: waiting sends the request again.</summary>
    private static StepWait ParseWait(JsonCursor cursor, string method)
    {
        if (method is not ("GET" or "HEAD"))
        {
            throw cursor.Error($"only a GET or HEAD step can wait: waiting sends the request again, and a {method} sent again is another {method}");
        }

        var within = cursor.Has("within") ? TimeSpan.FromMilliseconds(cursor.Property("within").Element.GetInt32()) : StepWait.DefaultWithin;
        var every = cursor.Has("every") ? TimeSpan.FromMilliseconds(cursor.Property("every").Element.GetInt32()) : StepWait.DefaultEvery;
        if (every > within)
        {
            throw cursor.Error("every", $"re-reading every {every.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms within {within.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms would never re-read: make every at most within");
        }

        var until = ParseExpectation(cursor.Property("until"));
        if (until.IsEmpty)
        {
            throw cursor.Error("until", "says nothing to wait for (give a status, a header or a body condition)");
        }

        return new StepWait(until, within, every) { While = cursor.OptionalObject("while") is { } whileSection ? ParseExpectation(whileSection) : null };
    }

    private static Expectation ParseExpectation(JsonCursor cursor)
    {
        StatusExpectation? status = null;
        if (cursor.Has("status"))
        {
            var element = cursor.Property("status").Element;
            var items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
            var codes = items.Where(i => i.ValueKind == JsonValueKind.Number).Select(i => i.GetInt32()).ToList();
            var classes = items.Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()![0] - '0').ToList();
            status = new StatusExpectation(codes, classes);
        }

        var headers = new List<HeaderExpectation>();
        if (cursor.OptionalObject("headers") is { } headerSection)
        {
            foreach (var (name, value) in headerSection.Members())
            {
                headers.Add(value.Element.ValueKind == JsonValueKind.String
                    ? new HeaderExpectation(name, HeaderConditionOf(value.Element.GetString()), null)
                    : ParseHeaderComparison(name, value));
            }
        }

        var body = cursor.Has("body") ? ParseBody(cursor.Property("body")) : null;

        var requestHeaders = new List<HeaderExpectation>();
        if (cursor.OptionalObject("request") is { } requestSection && requestSection.OptionalObject("headers") is { } sentSection)
        {
            foreach (var (name, value) in sentSection.Members())
            {
                requestHeaders.Add(value.Element.ValueKind == JsonValueKind.String
                    ? new HeaderExpectation(name, HeaderConditionOf(value.Element.GetString()), null)
                    : ParseHeaderComparison(name, value));
            }
        }

        return new Expectation(status, headers, body)
        {
            RequestHeaders = requestHeaders.Count == 0 ? Array.Empty<HeaderExpectation>() : requestHeaders,
            Page = cursor.Has("page") ? ParseBody(cursor.Property("page")) : null,
        };
    }

    private static HeaderCondition HeaderConditionOf(string? name) => name switch
    {
        "present" => HeaderCondition.Present,
        "absent" => HeaderCondition.Absent,
        "entity-tag" => HeaderCondition.EntityTag,
        "strong-entity-tag" => HeaderCondition.StrongEntityTag,
        _ => HeaderCondition.HttpDate,
    };

    private static BodyExpectation ParseBody(JsonCursor element) =>
        element.Element.ValueKind == JsonValueKind.String
            ? new BodyExpectation(element.Element.GetString() == "empty" ? BodyCondition.Empty : BodyCondition.NotEmpty, null)
            : element.Has("equals")
                ? new BodyExpectation(BodyCondition.Equals, element.OptionalString("equals"))
                : new BodyExpectation(BodyCondition.NotEquals, element.OptionalString("notEquals"));

    private static HeaderExpectation ParseHeaderComparison(string name, JsonCursor value)
    {
        var (condition, field) = value switch
        {
            _ when value.Has("equals") => (HeaderCondition.Equals, "equals"),
            _ when value.Has("notEquals") => (HeaderCondition.NotEquals, "notEquals"),
            _ when value.Has("equalsIfPresent") => (HeaderCondition.EqualsIfPresent, "equalsIfPresent"),
            _ when value.Has("after") => (HeaderCondition.After, "after"),
            _ => (HeaderCondition.NotAfter, "notAfter"),
        };
        return new HeaderExpectation(name, condition, value.RequiredString(field, "the value to compare with"));
    }

    /// <summary>What the schema cannot express: placeholders well-formed, captures defined by an earlier
    /// step, capability names known, observation texts present.</summary>
    private static void CheckSemantics(Scenario scenario, JsonCursor cursor)
    {
        foreach (var name in scenario.Requires.Keys.Where(n => !Capabilities.Names.Contains(n)))
        {
            throw cursor.Error($"requires.{name}", $"unknown capability (known: {string.Join(", ", Capabilities.Names)})");
        }

        if (scenario.Kind == ScenarioKind.Observation && (scenario.Finding is null || scenario.Otherwise is null))
        {
            throw cursor.Error("an observation needs \"finding\" (reported when every expectation held) and \"otherwise\"");
        }

        if (scenario.Race is not null)
        {
            if (scenario.Kind == ScenarioKind.Observation)
            {
                throw cursor.Error("kind", "a race scenario is a requirement: the race rules and the history checker judge it, so it cannot be an observation");
            }

            if (scenario.Resource != ResourceSetup.Fresh)
            {
                throw cursor.Error("resource", "a race scenario races on a fresh resource made for it, so resource must be \"fresh\" (or left out)");
            }
        }

        CheckBrowserSteps(scenario, cursor);

        var captured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in scenario.Steps)
        {
            // A step's request sees what earlier steps captured; its waitFor, assume and expect also see its
            // own captures (taken from each response before it is judged).
            var ownCaptures = step.Captures.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (text, where) in TemplatedStrings(step))
            {
                if (Template.SyntaxProblem(text) is { } problem)
                {
                    throw cursor.ErrorAt($"{step.JsonPath}.{where}", problem);
                }

                var visible = where.StartsWith("request", StringComparison.Ordinal) ? captured : captured.Union(ownCaptures);
                foreach (var name in Template.CaptureReferences(text).Where(n => !visible.Contains(n)))
                {
                    throw cursor.ErrorAt(
                        $"{step.JsonPath}.{where}",
                        $"{{{name}}} is not captured by an earlier step (step {step.Number.ToString(CultureInfo.InvariantCulture)} of scenario '{scenario.Id}')");
                }
            }

            captured.UnionWith(ownCaptures);
        }

        foreach (var (text, field) in new[] { (scenario.Finding, "finding"), (scenario.Otherwise, "otherwise") })
        {
            if (text is null)
            {
                continue;
            }

            if (Template.SyntaxProblem(text) is { } problem)
            {
                throw cursor.Error(field, problem);
            }

            foreach (var name in Template.CaptureReferences(text).Where(n => !captured.Contains(n)))
            {
                throw cursor.Error(field, $"{{{name}}} is not captured by any step of scenario '{scenario.Id}'");
            }
        }
    }

    /// <summary>Browser steps: a client is an HTTP client, a page (navigate, reload) or a script (fetch), one kind
    /// for all its steps; a reload follows a navigate of its client; only browser steps judge the request the
    /// browser sent, and only page steps capture or judge the page.</summary>
    private static void CheckBrowserSteps(Scenario scenario, JsonCursor cursor)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var navigated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in scenario.Steps)
        {
            var kind = step.Browser switch
            {
                null => "an HTTP client",
                BrowserAction.Fetch => "a script client (browser fetch steps)",
                _ => "a page client (browser navigate and reload steps)",
            };
            if (kinds.TryGetValue(step.Client, out var first) && first != kind)
            {
                throw cursor.ErrorAt(step.JsonPath, $"client {step.Client} is {first} in an earlier step and cannot be {kind} here: give it another name");
            }

            kinds[step.Client] = kind;
            var page = step.Browser is BrowserAction.Navigate or BrowserAction.Reload;
            if (step.Browser == BrowserAction.Navigate)
            {
                navigated.Add(step.Client);
            }

            if (step.Browser == BrowserAction.Reload && !navigated.Contains(step.Client))
            {
                throw cursor.ErrorAt($"{step.JsonPath}.browser", $"client {step.Client} reloads before any navigate step of its own loaded a page");
            }

            foreach (var (expectation, where) in new[] { (step.Assume, "assume"), (step.Expect, "expect") })
            {
                if (step.Browser is null && expectation.RequestHeaders.Count > 0)
                {
                    throw cursor.ErrorAt($"{step.JsonPath}.{where}.request", "only a browser step judges the request as sent: an HTTP step sends exactly what its request says");
                }

                if (!page && expectation.Page is not null)
                {
                    throw cursor.ErrorAt($"{step.JsonPath}.{where}.page", "only a browser navigate or reload step shows a page");
                }
            }

            if (!page && step.Captures.Any(c => c.Source == CaptureSource.Page))
            {
                throw cursor.ErrorAt($"{step.JsonPath}.capture", "only a browser navigate or reload step shows a page to capture");
            }
        }
    }

    private static IEnumerable<(string Text, string Where)> TemplatedStrings(ScenarioStep step)
    {
        if (step.Browser != BrowserAction.Reload)
        {
            yield return (step.Request.Path, "request.path");
        }

        foreach (var header in step.Request.Headers)
        {
            yield return (header.Value, $"request.headers.{header.Name}");
        }

        if (step.Request.Body is { } body)
        {
            yield return (body, "request.body");
        }

        var expectations = new List<(Expectation, string)> { (step.Assume, "assume"), (step.Expect, "expect") };
        if (step.Wait is { } wait)
        {
            expectations.Insert(0, (wait.Until, "waitFor.until"));
            if (wait.While is { } during)
            {
                expectations.Insert(1, (during, "waitFor.while"));
            }
        }

        foreach (var (expectation, where) in expectations)
        {
            foreach (var header in expectation.Headers.Where(h => h.Value is not null))
            {
                yield return (header.Value!, $"{where}.headers.{header.Name}");
            }

            foreach (var header in expectation.RequestHeaders.Where(h => h.Value is not null))
            {
                yield return (header.Value!, $"{where}.request.headers.{header.Name}");
            }

            if (expectation.Body?.Value is { } expectedBody)
            {
                yield return (expectedBody, $"{where}.body");
            }

            if (expectation.Page?.Value is { } expectedPage)
            {
                yield return (expectedPage, $"{where}.page");
            }
        }
    }
}

/// <summary>What <see cref="ScenarioLoader.Validate"/> found: the scenarios of the files without problems,
/// and every problem.</summary>
public sealed record SuiteValidation(IReadOnlyList<Scenario> Scenarios, IReadOnlyList<ConfigurationException> Problems);
