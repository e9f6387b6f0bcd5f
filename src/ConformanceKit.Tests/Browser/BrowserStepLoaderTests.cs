using ConformanceKit.Scenarios;
using static ConformanceKit.Tests.Scenarios.SuiteText;

namespace ConformanceKit.Tests.Browser;

/// <summary>Browser steps in suite files: what the model gets, and every rule the loader adds to the schema.</summary>
public sealed class BrowserStepLoaderTests : IDisposable
{
    private const string Navigate = """{ "client": "Browser", "browser": "navigate", "request": { "method": "GET" }, "capture": { "etag": "header:ETag", "shown": "page" } }""";

    private readonly Configuration.TempFolder _folder = new();
    private readonly ScenarioLoader _loader = new();

    /// <summary>Case label, steps, expected JSON path, part of the expected reason.</summary>
    public static TheoryData<string, string[], string, string> Refusals { get; } = new()
    {
        {
            "a reload with a request",
            [Navigate, """{ "client": "Browser", "browser": "reload", "request": { "method": "GET" } }"""],
            "$.scenarios[0].steps[1].request", "a reload step sends no request of its own"
        },
        {
            "a step without a request",
            ["""{ "client": "A", "expect": { "status": 200 } }"""],
            "$.scenarios[0].steps[0].request", "required field is missing"
        },
        {
            "a navigate with headers",
            ["""{ "client": "Browser", "browser": "navigate", "request": { "method": "GET", "headers": { "If-None-Match": "*" } } }"""],
            "$.scenarios[0].steps[0].request", "a GET with no headers or body of its own"
        },
        {
            "a navigate with another method",
            ["""{ "client": "Browser", "browser": "navigate", "request": { "method": "PUT", "body": "x" } }"""],
            "$.scenarios[0].steps[0].request", "as the address bar does"
        },
        {
            "a reload before any navigate",
            ["""{ "client": "Browser", "browser": "reload" }"""],
            "$.scenarios[0].steps[0].browser", "reloads before any navigate step of its own"
        },
        {
            "a page client that also fetches",
            [Navigate, """{ "client": "Browser", "browser": "fetch", "request": { "method": "GET" } }"""],
            "$.scenarios[0].steps[1]", "client Browser is a page client (browser navigate and reload steps) in an earlier step and cannot be a script client"
        },
        {
            "an HTTP client that navigates",
            [Get200, """{ "client": "A", "browser": "navigate", "request": { "method": "GET" } }"""],
            "$.scenarios[0].steps[1]", "client A is an HTTP client in an earlier step"
        },
        {
            "an HTTP step judging the request as sent",
            ["""{ "client": "A", "request": { "method": "GET" }, "expect": { "request": { "headers": { "If-None-Match": "present" } } } }"""],
            "$.scenarios[0].steps[0].expect.request", "only a browser step judges the request as sent"
        },
        {
            "a fetch step judging a page",
            ["""{ "client": "Script", "browser": "fetch", "request": { "method": "GET" }, "expect": { "page": "not-empty" } }"""],
            "$.scenarios[0].steps[0].expect.page", "only a browser navigate or reload step shows a page"
        },
        {
            "an HTTP step capturing a page",
            ["""{ "client": "A", "request": { "method": "GET" }, "capture": { "shown": "page" } }"""],
            "$.scenarios[0].steps[0].capture", "only a browser navigate or reload step shows a page to capture"
        },
        {
            "a fix on an HTTP step",
            ["""{ "client": "A", "request": { "method": "GET" }, "fix": "send ETag" }"""],
            "$.scenarios[0].steps[0].fix", "only a browser fetch step has a fix"
        },
        {
            "a browser step that waits",
            ["""{ "client": "Browser", "browser": "navigate", "request": { "method": "GET" }, "waitFor": { "until": { "status": 200 } } }"""],
            "$.scenarios[0].steps[0].waitFor", "a browser step cannot wait"
        },
        {
            "an unknown browser action",
            ["""{ "client": "Browser", "browser": "click", "request": { "method": "GET" } }"""],
            "$.scenarios[0].steps[0].browser", "enum"
        },
        {
            "a page placeholder not captured",
            [Navigate, """{ "client": "Browser", "browser": "reload", "expect": { "page": { "equals": "{stored}" } } }"""],
            "$.scenarios[0].steps[1].expect.page", "{stored} is not captured by an earlier step"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_browser_rule_broken_is_refused_at_its_json_path(string label, string[] steps, string jsonPath, string reason)
    {
        var file = _folder.Write("suite.json", Suite(Scenario("browser-rule", "", steps)));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file), label);

        error.JsonPath.ShouldBe(jsonPath, label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
    }

    [Fact]
    public void Browser_steps_map_to_the_model()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "browser-model",
            """, "requires": { "cors": true } """,
            Navigate,
            """{ "client": "Browser", "browser": "reload", "assume": { "request": { "headers": { "If-None-Match": { "equals": "{etag}" } } } }, "expect": { "status": 304, "page": { "equals": "{shown}" } } }""",
            """{ "client": "Script", "browser": "fetch", "request": { "method": "PUT", "headers": { "If-Match": "{etag}" }, "body": "{doc:a}" }, "expect": { "status": "2xx" }, "fix": "allow If-Match" }""")));

        var scenario = _loader.LoadFile(file).ShouldHaveSingleItem();

        scenario.UsesBrowser.ShouldBeTrue();
        scenario.Requires["cors"].ShouldBeTrue();
        scenario.Clients.ShouldBe(["Browser", "Script"]);
        var (navigate, reload, fetch) = (scenario.Steps[0], scenario.Steps[1], scenario.Steps[2]);
        navigate.Browser.ShouldBe(BrowserAction.Navigate);
        navigate.Captures.ShouldContain(new Capture("shown", CaptureSource.Page, null));
        navigate.Label.ShouldBe("Browser navigate {resource}");
        reload.Browser.ShouldBe(BrowserAction.Reload);
        reload.Label.ShouldBe("Browser reload");
        reload.Assume.RequestHeaders.ShouldHaveSingleItem().ShouldBe(new HeaderExpectation("If-None-Match", HeaderCondition.Equals, "{etag}"));
        reload.Expect.Page.ShouldBe(new BodyExpectation(BodyCondition.Equals, "{shown}"));
        fetch.Browser.ShouldBe(BrowserAction.Fetch);
        fetch.Fix.ShouldBe("allow If-Match");
        fetch.Label.ShouldBe("Script fetch PUT {resource} If-Match");
        ScenarioNarrative.Lines(scenario).ShouldBe(
        [
            "{resource} is created fresh with the generated document {doc:initial}.",
            "1. Browser: the browser loads {resource} in a page; capture {etag} = ETag, {shown} = the page's text",
            "2. Browser: the browser reloads the page; applies only if the browser sent If-None-Match = {etag}; expect status 304, the page shows {shown}",
            "3. Script: a script on another origin sends fetch() PUT {resource}, If-Match: {etag}, body {doc:a}; expect status 2xx",
        ]);
    }

    [Fact]
    public void An_http_scenario_uses_no_browser()
    {
        var file = _folder.Write("suite.json", Suite(Scenario("plain")));

        var scenario = _loader.LoadFile(file).ShouldHaveSingleItem();

        scenario.UsesBrowser.ShouldBeFalse();
        scenario.Steps[0].Browser.ShouldBeNull();
    }

    public void Dispose() => _folder.Dispose();
}
