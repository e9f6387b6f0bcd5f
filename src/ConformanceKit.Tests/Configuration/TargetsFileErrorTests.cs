using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Configuration;

/// <summary>Every malformed targets.json is refused with the file, the JSON path of the offending value and
/// a reason that says what is wrong.</summary>
public sealed class TargetsFileErrorTests : IDisposable
{
    private const string Writable = """ "resource": { "path": "/items/{id}" } """;
    private readonly TempFolder _folder = new();

    /// <summary>Case label, targets.json text, target to load, expected JSON path, part of the expected reason.</summary>
    public static TheoryData<string, string, string, string, string> MalformedTargets { get; } = new()
    {
        {
            "root is not an object",
            """[ { "reference": { "kind": "reference" } } ]""",
            "reference", "$", "must be an object, found an array"
        },
        {
            "no targets object",
            """{ }""",
            "api", "$.targets", "required field is missing"
        },
        {
            "unknown top-level field",
            """{ "targets": { "reference": { "kind": "reference" } }, "target": {} }""",
            "reference", "$.target", "unknown field"
        },
        {
            "missing baseUrl on a remote target",
            $$"""{ "targets": { "api": { {{Writable}} } } }""",
            "api", "$.targets.api.baseUrl", "required field is missing"
        },
        {
            "baseUrl is not absolute",
            $$"""{ "targets": { "api": { "baseUrl": "/api/v1", {{Writable}} } } }""",
            "api", "$.targets.api.baseUrl", "'/api/v1' is not an absolute http:// or https:// URL"
        },
        {
            "baseUrl is a host without scheme",
            $$"""{ "targets": { "api": { "baseUrl": "localhost:8080", {{Writable}} } } }""",
            "api", "$.targets.api.baseUrl", "'localhost:8080' is not an absolute http:// or https:// URL"
        },
        {
            "baseUrl has the ftp scheme",
            $$"""{ "targets": { "api": { "baseUrl": "ftp://files.example/", {{Writable}} } } }""",
            "api", "$.targets.api.baseUrl", "'ftp://files.example/' is not an absolute http:// or https:// URL"
        },
        {
            "baseUrl is not a string",
            $$"""{ "targets": { "api": { "baseUrl": 8080, {{Writable}} } } }""",
            "api", "$.targets.api.baseUrl", "must be a string, found the number 8080"
        },
        {
            "unknown target field (typo baseurl)",
            $$"""{ "targets": { "api": { "baseurl": "http://127.0.0.1:8080", {{Writable}} } } }""",
            "api", "$.targets.api.baseurl", "unknown field (known fields here: kind, baseUrl,"
        },
        {
            "target is not an object",
            """{ "targets": { "api": "http://127.0.0.1:8080" } }""",
            "api", "$.targets.api", "must be an object, found the string \"http://127.0.0.1:8080\""
        },
        {
            "unknown kind",
            """{ "targets": { "api": { "kind": "nginx", "baseUrl": "http://127.0.0.1" } } }""",
            "api", "$.targets.api.kind", "unknown kind 'nginx'"
        },
        {
            "resource missing on a remote target",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080" } } }""",
            "api", "$.targets.api.resource", "required field is missing (where fresh resources may be created"
        },
        {
            "resource with neither path nor existing",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "contentType": "text/plain" } } } }""",
            "api", "$.targets.api.resource", "needs \"path\""
        },
        {
            "unknown resource field",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}", "method": "PUT" } } } }""",
            "api", "$.targets.api.resource.method", "unknown field"
        },
        {
            "resource.path without {id}",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/1" } } } }""",
            "api", "$.targets.api.resource.path", "'/items/1' must contain {id}"
        },
        {
            "resource.path not starting with a slash",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "items/{id}" } } } }""",
            "api", "$.targets.api.resource.path", "'items/{id}' must be a path starting with '/'"
        },
        {
            "resource.existing not starting with a slash",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "existing": "index.html" }, "capabilities": { "writes": false } } } }""",
            "api", "$.targets.api.resource.existing", "'index.html' must be a path starting with '/'"
        },
        {
            "create PATCH",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}", "create": "PATCH" } } } }""",
            "api", "$.targets.api.resource.create", "'PATCH' is not a way to create resources"
        },
        {
            "create POST without collection",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}", "create": "POST" } } } }""",
            "api", "$.targets.api.resource.collection", "\"create\": \"POST\" posts new resources to this collection path"
        },
        {
            "writes true with no path",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "existing": "/index.html" }, "capabilities": { "writes": true } } } }""",
            "api", "$.targets.api.resource.path", "capabilities.writes is true"
        },
        {
            "writes left at its default with no path",
            """{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "existing": "/index.html" } } } }""",
            "api", "$.targets.api.resource.path", "capabilities.writes is true"
        },
        {
            "unknown capability",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "capabilities": { "etags": true } } } }""",
            "api", "$.targets.api.capabilities.etags", "unknown field (known fields here: writes, lastModified, ranges, requirePreconditions, patch, cors)"
        },
        {
            "non-boolean capability",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "capabilities": { "ranges": "yes" } } } }""",
            "api", "$.targets.api.capabilities.ranges", "must be true or false, found the string \"yes\""
        },
        {
            "defects on a remote target",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "defects": ["weak-etags"] } } }""",
            "api", "$.targets.api.defects", "defect modes exist only on the in-box server"
        },
        {
            "baseUrl on a reference target",
            """{ "targets": { "ref": { "kind": "reference", "baseUrl": "http://127.0.0.1:8080" } } }""",
            "ref", "$.targets.ref.baseUrl", "it takes no baseUrl"
        },
        {
            "resource on a reference target",
            $$"""{ "targets": { "ref": { "kind": "reference", {{Writable}} } } }""",
            "ref", "$.targets.ref.resource", "the reference server's resources are fixed"
        },
        {
            "reference target switched to read-only",
            """{ "targets": { "ref": { "kind": "reference", "capabilities": { "writes": false } } } }""",
            "ref", "$.targets.ref.capabilities.writes", "only requirePreconditions can be set"
        },
        {
            "defects not an array",
            """{ "targets": { "ref": { "kind": "reference", "defects": "weak-etags" } } }""",
            "ref", "$.targets.ref.defects", "must be an array, found the string \"weak-etags\""
        },
        {
            "defect that is not a name",
            """{ "targets": { "ref": { "kind": "reference", "defects": ["weak-etags", 3] } } }""",
            "ref", "$.targets.ref.defects[1]", "must be the name of a defect mode, found the number 3"
        },
        {
            "header value not a string",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "headers": { "X-Retries": 3 } } } }""",
            "api", "$.targets.api.headers.X-Retries", "must be a string, found the number 3"
        },
        {
            "header name with a space",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "headers": { "X Api Key": "k" } } } }""",
            "api", "$.targets.api.headers.X Api Key", "'X Api Key' is not a valid header field name"
        },
        {
            "header name with a colon",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "headers": { "Authorization:": "k" } } } }""",
            "api", "$.targets.api.headers.Authorization:", "'Authorization:' is not a valid header field name"
        },
        {
            "headers not an object",
            $$"""{ "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", {{Writable}}, "headers": ["Authorization: x"] } } }""",
            "api", "$.targets.api.headers", "must be an object, found an array"
        },
        {
            "an unrelated target is malformed",
            """{ "targets": { "ref": { "kind": "reference" }, "broken": { "kind": "reference", "defects": {} } } }""",
            "ref", "$.targets.broken.defects", "must be an array, found an object"
        },
    };

    [Theory]
    [MemberData(nameof(MalformedTargets))]
    public void A_malformed_targets_file_is_refused_with_file_path_and_reason(string label, string json, string target, string jsonPath, string reason)
    {
        var file = _folder.Write("targets.json", json);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, target, _ => "unused"), label);

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe(jsonPath, label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
        // Every case is one line of JSON: the error names line 1 and the column where the value starts.
        var position = error.Position.ShouldNotBeNull(label);
        position.Line.ShouldBe(1, label);
        error.Message.ShouldBe($"{file}:1:{position.Column}: {jsonPath}: {error.Reason}");
    }

    [Fact]
    public void A_missing_environment_variable_is_named_with_the_reference()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "api": {
                "baseUrl": "http://127.0.0.1:8080",
                "resource": { "path": "/items/{id}" },
                "headers": { "Authorization": "Bearer ${env:CK_MISSING_TOKEN}" } } } }
            """);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "api", _ => null));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$.targets.api.headers.Authorization");
        error.Reason.ShouldBe("environment variable CK_MISSING_TOKEN is not set (referenced as ${env:CK_MISSING_TOKEN})");
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_missing()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "api": { "baseUrl": "${env:CK_BASE}", "resource": { "path": "/items/{id}" } } } }
            """);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "api", _ => string.Empty));

        error.JsonPath.ShouldBe("$.targets.api.baseUrl");
        error.Reason.ShouldContain("environment variable CK_BASE is not set");
    }

    [Fact]
    public void A_bad_url_from_the_environment_is_reported_by_its_reference_not_its_value()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "api": { "baseUrl": "${env:CK_BASE}", "resource": { "path": "/items/{id}" } } } }
            """);

        var error = Should.Throw<ConfigurationException>(() =>
            TargetsFile.Load(file, "api", name => name == "CK_BASE" ? "ftp://secret-host.example" : null));

        error.JsonPath.ShouldBe("$.targets.api.baseUrl");
        error.Reason.ShouldBe("'${env:CK_BASE}' is not an absolute http:// or https:// URL");
        error.Message.ShouldNotContain("secret-host");
    }

    [Fact]
    public void A_json_syntax_error_names_line_and_column()
    {
        var file = _folder.Write("targets.json", """
            {
              "targets": {
                "reference": { "kind": "reference" }
                "other": { "kind": "reference" }
              }
            }
            """);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "reference", _ => null));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$");
        error.Position.ShouldBe(new Json.TextPosition(4, 5));
        error.Reason.ShouldStartWith("not valid JSON: ");
        error.Message.ShouldStartWith($"{file}:4:5: $: not valid JSON: ");
    }

    [Fact]
    public void A_missing_file_is_a_configuration_error()
    {
        var file = _folder.PathOf("no-such-targets.json");

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "reference", _ => null));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$");
        error.Reason.ShouldStartWith("cannot read the file:");
    }

    [Fact]
    public void An_unknown_target_name_lists_the_targets_in_the_file()
    {
        var file = _folder.Write("targets.json", """
            { "targets": {
                "reference": { "kind": "reference" },
                "staging": { "baseUrl": "https://staging.example", "resource": { "path": "/items/{id}" } } } }
            """);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "production", _ => null));

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe("$.targets.production");
        error.Reason.ShouldBe("no target named 'production' (targets in this file: reference, staging)");
    }

    public void Dispose() => _folder.Dispose();
}
