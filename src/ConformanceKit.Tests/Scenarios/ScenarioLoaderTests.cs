using ConformanceKit.Checks;
using ConformanceKit.Scenarios;
using static ConformanceKit.Tests.Scenarios.SuiteText;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>Suite files: JSON syntax, then the schema, then what the schema cannot see. Every refusal names
/// the file, the JSON path and the reason.</summary>
public sealed class ScenarioLoaderTests : IDisposable
{
    private readonly Configuration.TempFolder _folder = new();
    private readonly ScenarioLoader _loader = new();

    /// <summary>Case label, suite text, expected JSON path, part of the expected reason.</summary>
    public static TheoryData<string, string, string, string> SchemaViolations { get; } = new()
    {
        {
            "status is not a code or a class",
            Suite(Scenario("status-text", "", Get200, """{ "client": "A", "request": { "method": "GET" }, "expect": { "status": "abc" } }""")),
            "$.scenarios[0].steps[1].expect.status", "not a match for the indicated regular expression"
        },
        {
            "status out of range",
            Suite(Scenario("status-range", "", """{ "client": "A", "request": { "method": "GET" }, "expect": { "status": 600 } }""")),
            "$.scenarios[0].steps[0].expect.status", "599"
        },
        {
            "missing requirement",
            Suite("""{ "id": "no-requirement", "section": "9110/13.1.1", "level": "MUST", "title": "T", "steps": [ { "client": "A", "request": { "method": "GET" } } ] }"""),
            "$.scenarios[0]", "requirement"
        },
        {
            "unknown field in a step",
            Suite(Scenario("typo", "", """{ "client": "A", "request": { "method": "GET" }, "expects": { "status": 200 } }""")),
            "$.scenarios[0].steps[0].expects", "unknown field"
        },
        {
            "unknown field in a scenario",
            Suite(Scenario("typo", """, "severity": "high" """)),
            "$.scenarios[0].severity", "unknown field"
        },
        {
            "bad level",
            Suite(Scenario("bad-level", "").Replace("\"MUST\"", "\"MUST NOT\"", StringComparison.Ordinal)),
            "$.scenarios[0].level", "one of the values specified by the enum"
        },
        // The scenario's step passes "status": 200 through the first branch of a oneOf; the failed branches
        // of that passing oneOf must not be reported instead of the real error.
        {
            "id not kebab-case",
            Suite(Scenario("If_Match_Star")),
            "$.scenarios[0].id", "not a match for the indicated regular expression"
        },
        {
            "section without RFC number",
            Suite(Scenario("bad-section", "").Replace("9110/13.1.1", "13.1.1", StringComparison.Ordinal)),
            "$.scenarios[0].section", "not a match for the indicated regular expression"
        },
        {
            "lower-case method",
            Suite(Scenario("bad-method", "", """{ "client": "A", "request": { "method": "get" } }""")),
            "$.scenarios[0].steps[0].request.method", "not a match for the indicated regular expression"
        },
        {
            "capture from an unknown source",
            Suite(Scenario("bad-capture", "", """{ "client": "A", "request": { "method": "GET" }, "capture": { "etag": "cookie:ETag" } }""")),
            "$.scenarios[0].steps[0].capture.etag", "not a match for the indicated regular expression"
        },
        {
            "unknown header condition",
            Suite(Scenario("bad-header-condition", "", """{ "client": "A", "request": { "method": "GET" }, "expect": { "headers": { "ETag": "maybe" } } }""")),
            "$.scenarios[0].steps[0].expect.headers.ETag", "one of the values specified by the enum"
        },
        {
            "client name not capitalised",
            Suite(Scenario("bad-client", "", """{ "client": "alice", "request": { "method": "GET" } }""")),
            "$.scenarios[0].steps[0].client", "not a match for the indicated regular expression"
        },
        {
            "unknown top-level field",
            """{ "group": "G", "scenario": [], "scenarios": [ """ + Scenario("fine") + " ] }",
            "$.scenario", "unknown field"
        },
        {
            "missing group",
            """{ "scenarios": [ """ + Scenario("fine") + " ] }",
            "$", "group"
        },
        {
            "no scenarios",
            """{ "group": "Empty", "scenarios": [] }""",
            "$.scenarios", "at least 1 items"
        },
    };

    [Theory]
    [MemberData(nameof(SchemaViolations))]
    public void A_schema_violation_is_reported_at_its_json_path(string label, string suite, string jsonPath, string reason)
    {
        var file = _folder.Write("suite.json", suite);

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file), label);

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe(jsonPath, label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
    }

    [Fact]
    public void A_json_syntax_error_names_line_and_column()
    {
        var file = _folder.Write("suite.json", "{ \"group\": \"G\",\n  \"scenarios\": [ { \"id\": \"x\" ] }\n");

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$");
        error.Position.ShouldBe(new Json.TextPosition(2, 30));
        error.Reason.ShouldStartWith("not valid JSON: ");
    }

    [Fact]
    public void A_placeholder_used_before_it_is_captured_is_refused()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "early-etag",
            "",
            Get200,
            """{ "client": "B", "request": { "method": "PUT", "headers": { "If-Match": "{etag}" }, "body": "{doc:a}" } }""",
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "etag": "header:ETag" } }""")));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$.scenarios[0].steps[1].request.headers.If-Match");
        error.Reason.ShouldBe("{etag} is not captured by an earlier step (step 2 of scenario 'early-etag')");
    }

    [Fact]
    public void A_capture_is_available_to_its_own_steps_expectations()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "own-step",
            "",
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "date": "header:Date" }, "expect": { "headers": { "Last-Modified": { "notAfter": "{date}" } } } }""")));

        var scenario = _loader.LoadFile(file).Single();

        scenario.Steps[0].Expect.Headers.Single().Condition.ShouldBe(HeaderCondition.NotAfter);
    }

    [Fact]
    public void An_observation_finding_may_only_name_captured_values()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "observed",
            """, "kind": "observation", "finding": "answered {code} after {nothing}", "otherwise": "not seen" """,
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "code": "status" } }""")));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.JsonPath.ShouldBe("$.scenarios[0].finding");
        error.Reason.ShouldBe("{nothing} is not captured by any step of scenario 'observed'");
    }

    [Fact]
    public void A_capture_is_not_available_in_its_own_step()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "same-step",
            "",
            """{ "client": "A", "request": { "method": "GET", "headers": { "If-None-Match": "{weak:etag}" } }, "capture": { "etag": "header:ETag" } }""")));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.JsonPath.ShouldBe("$.scenarios[0].steps[0].request.headers.If-None-Match");
        error.Reason.ShouldContain("{etag} is not captured by an earlier step");
    }

    [Theory]
    [InlineData("request.path", """{ "client": "A", "request": { "method": "GET", "path": "/x/{lm}" } }""", "{lm}")]
    [InlineData("request.body", """{ "client": "A", "request": { "method": "PUT", "body": "{\"v\":\"{date:lm:+1}\"}" } }""", "{lm}")]
    [InlineData("expect.headers.ETag", """{ "client": "A", "request": { "method": "GET" }, "expect": { "headers": { "ETag": { "equals": "{strong:tag}" } } } }""", "{tag}")]
    [InlineData("expect.body", """{ "client": "A", "request": { "method": "GET" }, "expect": { "body": { "notEquals": "{before}" } } }""", "{before}")]
    [InlineData("assume.headers.ETag", """{ "client": "A", "request": { "method": "GET" }, "assume": { "headers": { "ETag": { "notEquals": "{old}" } } } }""", "{old}")]
    public void Every_templated_string_is_checked_for_uncaptured_placeholders(string where, string step, string name)
    {
        var file = _folder.Write("suite.json", Suite(Scenario("uncaptured", "", step)));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.JsonPath.ShouldBe($"$.scenarios[0].steps[0].{where}");
        error.Reason.ShouldStartWith($"{name} is not captured by an earlier step");
    }

    [Theory]
    [InlineData("{md5:etag}")]
    [InlineData("{slice:initial:0}")]
    [InlineData("{slice:initial:zero:10}")]
    [InlineData("{slice:initial:-5:10}")]
    [InlineData("{weak:a:b}")]
    [InlineData("{date:now:soon}")]
    [InlineData("{resource:1}")]
    public void A_malformed_placeholder_is_refused(string placeholder)
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "bad-placeholder",
            "",
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "etag": "header:ETag" } }""",
            $$"""{ "client": "A", "request": { "method": "GET", "headers": { "If-Match": "{{placeholder}}" } } }""")));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$.scenarios[0].steps[1].request.headers.If-Match");
        error.Reason.ShouldStartWith($"placeholder {placeholder} is not one of");
    }

    [Fact]
    public void A_duplicate_id_across_two_files_names_both()
    {
        _folder.Write("a.json", Suite(Scenario("first-one"), Scenario("shared-id")));
        var second = _folder.Write("b.json", Suite(Scenario("other"), Scenario("third"), Scenario("shared-id")));

        var error = Should.Throw<ConfigurationException>(() => _loader.Load([_folder.Path]));

        error.File.ShouldBe(second);
        error.JsonPath.ShouldBe("$.scenarios[2].id");
        error.Reason.ShouldBe($"id 'shared-id' is already used by {_folder.PathOf("a.json")} $.scenarios[1]");
    }

    [Fact]
    public void A_duplicate_id_within_one_file_is_refused()
    {
        var file = _folder.Write("a.json", Suite(Scenario("twice"), Scenario("twice")));

        var error = Should.Throw<ConfigurationException>(() => _loader.Load([file]));

        error.JsonPath.ShouldBe("$.scenarios[1].id");
        error.Reason.ShouldContain("'twice' is already used by");
    }

    [Theory]
    [InlineData(""", "kind": "observation", "otherwise": "not seen" """)]
    [InlineData(""", "kind": "observation", "finding": "seen" """)]
    [InlineData(""", "kind": "observation" """)]
    public void An_observation_needs_finding_and_otherwise(string extra)
    {
        var file = _folder.Write("suite.json", Suite(Scenario("fine"), Scenario("half-observation", extra)));

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$.scenarios[1]");
        error.Reason.ShouldContain("an observation needs \"finding\"");
    }

    [Fact]
    public void A_folder_loads_its_suite_files_in_sorted_order_and_skips_schemas()
    {
        _folder.Write("b.json", Suite(Scenario("from-b")));
        _folder.Write("a.json", Suite(Scenario("from-a-1"), Scenario("from-a-2")));
        _folder.Write("suite.schema.json", "this would not parse");
        _folder.Write("notes.txt", "this would not parse either");
        Directory.CreateDirectory(_folder.PathOf("nested"));
        _folder.Write(Path.Combine("nested", "c.json"), Suite(Scenario("from-nested")));

        var scenarios = _loader.Load([_folder.Path]);

        scenarios.Select(s => s.Id).ShouldBe(["from-a-1", "from-a-2", "from-b"]);
        scenarios.Select(s => s.SourceFile).ShouldBe([_folder.PathOf("a.json"), _folder.PathOf("a.json"), _folder.PathOf("b.json")]);
        ScenarioLoader.ExpandPaths([_folder.Path]).ShouldBe([_folder.PathOf("a.json"), _folder.PathOf("b.json")]);
    }

    [Fact]
    public void Files_and_folders_combine_in_the_order_given()
    {
        _folder.Write("a.json", Suite(Scenario("in-folder")));
        Directory.CreateDirectory(_folder.PathOf("extra"));
        var single = _folder.Write(Path.Combine("extra", "single.json"), Suite(Scenario("single-file")));

        var scenarios = _loader.Load([single, _folder.Path]);

        scenarios.Select(s => s.Id).ShouldBe(["single-file", "in-folder"]);
    }

    [Fact]
    public void A_missing_path_is_a_configuration_error()
    {
        var missing = _folder.PathOf("no-such-suites");

        var error = Should.Throw<ConfigurationException>(() => _loader.Load([missing]));

        error.File.ShouldBe(missing);
        error.JsonPath.ShouldBe("$");
        error.Reason.ShouldBe("no such suite file or folder");
    }

    [Fact]
    public void A_valid_scenario_maps_to_the_model()
    {
        var file = _folder.Write("suite.json", Suite(Scenario(
            "mapped",
            """, "kind": "observation", "finding": "F", "otherwise": "O", "resource": "existing", "requires": { "ranges": true, "writes": false } """,
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "etag": "header:ETag", "code": "status", "text": "body" }, "assume": { "headers": { "ETag": "strong-entity-tag" }, "body": "not-empty" }, "expect": { "status": [200, "3xx"], "headers": { "ETag": "strong-entity-tag", "Last-Modified": "http-date", "Vary": "absent", "Date": "present", "X-A": "entity-tag" } } }""",
            """{ "client": "Bob", "request": { "method": "PUT", "path": "/other", "headers": { "If-Match": ["{etag}", "\"x\""], "Range": "bytes=0-1" }, "body": "{doc:b}", "contentType": "text/plain" }, "expect": { "headers": { "ETag": { "notEquals": "{etag}" }, "X-B": { "equals": "1" } }, "body": { "equals": "{text}" } } }""",
            """{ "client": "A", "request": { "method": "GET" }, "expect": { "body": "empty" } }""",
            """{ "client": "A", "request": { "method": "GET" }, "expect": { "body": { "notEquals": "x" } } }""",
            """{ "client": "A", "request": { "method": "GET" }, "expect": { "body": "not-empty" } }""")));

        var scenario = _loader.LoadFile(file).ShouldHaveSingleItem();

        scenario.Check.ShouldBe(new CheckInfo("mapped", "9110/13.1.1", RequirementLevel.Must, "A title", "A rule in one sentence."));
        scenario.Kind.ShouldBe(ScenarioKind.Observation);
        scenario.Finding.ShouldBe("F");
        scenario.Otherwise.ShouldBe("O");
        scenario.Resource.ShouldBe(ResourceSetup.Existing);
        scenario.Requires.ShouldBe(new Dictionary<string, bool> { ["ranges"] = true, ["writes"] = false });
        scenario.JsonPath.ShouldBe("$.scenarios[0]");
        scenario.Clients.ShouldBe(["A", "Bob"]);

        var first = scenario.Steps[0];
        first.Number.ShouldBe(1);
        first.JsonPath.ShouldBe("$.scenarios[0].steps[0]");
        first.Request.Path.ShouldBe("{resource}");
        first.Captures.ShouldBe([new Capture("etag", CaptureSource.Header, "ETag"), new Capture("code", CaptureSource.Status, null), new Capture("text", CaptureSource.Body, null)]);
        first.Expect.Status.ShouldNotBeNull().Codes.ShouldBe([200]);
        first.Expect.Status.Classes.ShouldBe([3]);
        first.Expect.Headers.ShouldBe(
        [
            new HeaderExpectation("ETag", HeaderCondition.StrongEntityTag, null),
            new HeaderExpectation("Last-Modified", HeaderCondition.HttpDate, null),
            new HeaderExpectation("Vary", HeaderCondition.Absent, null),
            new HeaderExpectation("Date", HeaderCondition.Present, null),
            new HeaderExpectation("X-A", HeaderCondition.EntityTag, null),
        ]);
        first.Expect.Body.ShouldBeNull();
        first.Assume.ShouldBe(new Expectation(null, first.Assume.Headers, new BodyExpectation(BodyCondition.NotEmpty, null)));
        first.Assume.Headers.ShouldBe([new HeaderExpectation("ETag", HeaderCondition.StrongEntityTag, null)]);

        var second = scenario.Steps[1];
        second.Number.ShouldBe(2);
        second.Request.Method.ShouldBe("PUT");
        second.Request.Path.ShouldBe("/other");
        second.Request.Headers.ShouldBe([new HeaderTemplate("If-Match", "{etag}"), new HeaderTemplate("If-Match", "\"x\""), new HeaderTemplate("Range", "bytes=0-1")]);
        second.Request.Body.ShouldBe("{doc:b}");
        second.Request.ContentType.ShouldBe("text/plain");
        second.Label.ShouldBe("Bob PUT /other If-Match If-Match Range");
        second.Expect.Status.ShouldBeNull();
        second.Assume.ShouldBe(Expectation.None);
        second.Expect.Headers.ShouldBe([new HeaderExpectation("ETag", HeaderCondition.NotEquals, "{etag}"), new HeaderExpectation("X-B", HeaderCondition.Equals, "1")]);
        second.Expect.Body.ShouldBe(new BodyExpectation(BodyCondition.Equals, "{text}"));

        scenario.Steps[2].Expect.Body.ShouldBe(new BodyExpectation(BodyCondition.Empty, null));
        scenario.Steps[3].Expect.Body.ShouldBe(new BodyExpectation(BodyCondition.NotEquals, "x"));
        scenario.Steps[4].Expect.Body.ShouldBe(new BodyExpectation(BodyCondition.NotEmpty, null));
    }

    [Theory]
    [InlineData("MUST", RequirementLevel.Must)]
    [InlineData("SHOULD", RequirementLevel.Should)]
    [InlineData("MAY", RequirementLevel.May)]
    public void Levels_map_to_requirement_levels(string level, RequirementLevel expected)
    {
        var file = _folder.Write("suite.json", Suite(Scenario("leveled").Replace("\"MUST\"", $"\"{level}\"", StringComparison.Ordinal)));

        _loader.LoadFile(file).ShouldHaveSingleItem().Check.Level.ShouldBe(expected);
    }

    [Fact]
    public void Defaults_are_a_fresh_resource_and_a_requirement()
    {
        var file = _folder.Write("suite.json", Suite(Scenario("defaults")));

        var scenario = _loader.LoadFile(file).ShouldHaveSingleItem();

        scenario.Kind.ShouldBe(ScenarioKind.Requirement);
        scenario.Resource.ShouldBe(ResourceSetup.Fresh);
        scenario.Requires.ShouldBeEmpty();
        scenario.Finding.ShouldBeNull();
    }

    public void Dispose() => _folder.Dispose();
}
