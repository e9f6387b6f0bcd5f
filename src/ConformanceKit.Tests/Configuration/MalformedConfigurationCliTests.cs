using ConformanceKit.Cli;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Configuration;

/// <summary>
/// Malformed targets.json files through the command line, in-process: <c>run</c> exits 2 with exactly one
/// line, <c>error: FILE:LINE:COLUMN: $.path: reason</c>, and <c>validate</c> exits 2 listing the same
/// problem. Each case is a distinct way to get the file wrong; the expected text is the whole message.
/// </summary>
public sealed class MalformedConfigurationCliTests : IDisposable
{
    private const string MissingVariable = "CK_TEST_SURELY_UNSET_7f3a";
    private readonly CliRun _cli = new();

    /// <summary>Case label, targets.json text, target to run, the expected message after the file name
    /// (<c>:LINE:COLUMN: $.path: reason</c>).</summary>
    public static TheoryData<string, string, string, string> Cases { get; } = new()
    {
        {
            "not JSON at all (XML)",
            "<targets><reference kind=\"reference\"/></targets>\n",
            "reference",
            ":1:1: $: not valid JSON: '<' is an invalid start of a value"
        },
        {
            "missing comma between two targets (comments are allowed)",
            """
            // the in-box server, twice
            {
              "targets": {
                "reference": { "kind": "reference" }
                "other": { "kind": "reference" }
              }
            }
            """,
            "reference",
            ":5:5: $: not valid JSON: '\"' is invalid after a value"
        },
        {
            "root is not an object",
            """
            [
              { "reference": { "kind": "reference" } }
            ]
            """,
            "reference",
            ":1:1: $: must be an object, found an array"
        },
        {
            "unknown top-level field",
            """
            {
              "targets": { "reference": { "kind": "reference" } },
              "defaults": {}
            }
            """,
            "reference",
            ":3:3: $.defaults: unknown field (known fields here: targets)"
        },
        {
            "no targets object",
            """
            {
              "$schema": "suites/targets.schema.json"
            }
            """,
            "reference",
            ":1:1: $.targets: required field is missing (an object of named targets)"
        },
        {
            "empty targets",
            """
            {
              "targets": {}
            }
            """,
            "reference",
            ":2:3: $.targets: no targets (add one, e.g. \"reference\": { \"kind\": \"reference\" } for the in-box server)"
        },
        {
            "the same target name twice",
            """
            {
              "targets": {
                "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}" } },
                "api": { "baseUrl": "http://127.0.0.1:9090", "resource": { "path": "/items/{id}" } }
              }
            }
            """,
            "api",
            ":4:5: $.targets.api: target 'api' is defined twice (first at line 3); a JSON reader keeps only the last one, so give each target its own name"
        },
        {
            "target is not an object",
            """
            {
              "targets": {
                "api": "http://127.0.0.1:8080"
              }
            }
            """,
            "api",
            ":3:5: $.targets.api: must be an object, found the string \"http://127.0.0.1:8080\""
        },
        {
            "unknown target field (typo baseurl)",
            """
            {
              "targets": {
                "api": {
                  "baseurl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}" }
                }
              }
            }
            """,
            "api",
            ":4:7: $.targets.api.baseurl: unknown field (known fields here: kind, baseUrl, resource, headers, capabilities, defects, store, description, timeouts, maxBodyBytes, followRedirects, tls, http)"
        },
        {
            "unknown capability",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}" },
                  "capabilities": { "writes": true, "etags": true }
                }
              }
            }
            """,
            "api",
            ":6:41: $.targets.api.capabilities.etags: unknown field (known fields here: writes, lastModified, ranges, requirePreconditions, patch, cors)"
        },
        {
            "capability not a boolean",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}" },
                  "capabilities": {
                    "ranges": "yes"
                  }
                }
              }
            }
            """,
            "api",
            ":7:9: $.targets.api.capabilities.ranges: must be true or false, found the string \"yes\""
        },
        {
            "baseUrl is not absolute",
            """
            {
              "targets": {
                "api": { "baseUrl": "/api/v1", "resource": { "path": "/items/{id}" } }
              }
            }
            """,
            "api",
            ":3:14: $.targets.api.baseUrl: '/api/v1' is not an absolute http:// or https:// URL"
        },
        {
            "baseUrl is not http or https",
            """
            {
              "targets": {
                "api": { "baseUrl": "ftp://files.example/", "resource": { "path": "/items/{id}" } }
              }
            }
            """,
            "api",
            ":3:14: $.targets.api.baseUrl: 'ftp://files.example/' is not an absolute http:// or https:// URL"
        },
        {
            "baseUrl with a query, which would not be sent",
            """
            {
              "targets": {
                "api": { "baseUrl": "http://127.0.0.1:8080/?token=abc", "resource": { "path": "/items/{id}" } }
              }
            }
            """,
            "api",
            ":3:14: $.targets.api.baseUrl: 'http://127.0.0.1:8080/?token=abc' has a query or fragment, which would not be sent: resource paths are appended to the base URL's path and replace the rest (put a token in a path segment or in \"headers\")"
        },
        {
            "resource.create is neither PUT nor POST",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}", "create": "PATCH" }
                }
              }
            }
            """,
            "api",
            ":5:44: $.targets.api.resource.create: 'PATCH' is not a way to create resources (use \"PUT\" or \"POST\")"
        },
        {
            "create POST without a collection",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}", "create": "POST" }
                }
              }
            }
            """,
            "api",
            ":5:7: $.targets.api.resource.collection: required field is missing (\"create\": \"POST\" posts new resources to this collection path)"
        },
        {
            "resource.path without {id}",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/1" }
                }
              }
            }
            """,
            "api",
            ":5:21: $.targets.api.resource.path: '/items/1' must contain {id}, filled with a fresh id per scenario"
        },
        {
            "header value not a string",
            """
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}" },
                  "headers": { "X-Retries": 3 }
                }
              }
            }
            """,
            "api",
            ":6:20: $.targets.api.headers.X-Retries: must be a string, found the number 3"
        },
        {
            "a header reads a variable that is not set",
            $$"""
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080",
                  "resource": { "path": "/items/{id}" },
                  "headers": { "Authorization": "Bearer ${env:{{MissingVariable}}}" }
                }
              }
            }
            """,
            "api",
            $":6:20: $.targets.api.headers.Authorization: environment variable {MissingVariable} is not set (referenced as ${{env:{MissingVariable}}})"
        },
        {
            "the base URL reads a variable that is not set",
            $$"""
            {
              "targets": {
                "api": {
                  "baseUrl": "http://127.0.0.1:8080/t/${env:{{MissingVariable}}}",
                  "resource": { "path": "/items/{id}" }
                }
              }
            }
            """,
            "api",
            $":4:7: $.targets.api.baseUrl: environment variable {MissingVariable} is not set (referenced as ${{env:{MissingVariable}}})"
        },
        {
            "unknown defect",
            """
            {
              "targets": {
                "ref": { "kind": "reference", "defects": ["write-preconditions-ignored", "no-such-defect"] }
              }
            }
            """,
            "ref",
            ":3:78: $.targets.ref.defects[1]: " + UnknownDefect("no-such-defect")
        },
        {
            "reference target with a baseUrl",
            """
            {
              "targets": {
                "ref": { "kind": "reference", "baseUrl": "http://127.0.0.1:8080" }
              }
            }
            """,
            "ref",
            ":3:35: $.targets.ref.baseUrl: a kind \"reference\" target is started on a free loopback port; it takes no baseUrl"
        },
        {
            "unknown store",
            """
            {
              "targets": {
                "ref": { "kind": "reference", "store": "postgres" }
              }
            }
            """,
            "ref",
            ":3:35: $.targets.ref.store: unknown store 'postgres' (use \"memory\", the default, or \"sqlite\": a fresh temporary SQLite file per run)"
        },
        {
            "description not a string (found by the schema)",
            """
            {
              "targets": {
                "ref": {
                  "kind": "reference",
                  "description": 42
                }
              }
            }
            """,
            "ref",
            ":5:7: $.targets.ref.description: Value is \"integer\" but should be \"string\""
        },
        {
            "the target asked for is not in the file",
            """
            {
              "targets": {
                "reference": { "kind": "reference" },
                "staging": { "baseUrl": "https://staging.example", "resource": { "path": "/items/{id}" } }
              }
            }
            """,
            "production",
            ":2:3: $.targets.production: no target named 'production' (targets in this file: reference, staging)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_exits_2_with_the_exact_message(string label, string json, string target, string expected)
    {
        var file = _cli.WriteFile("targets.json", json);

        var code = await _cli.RunTargetAsync(target, file);

        code.ShouldBe(ExitCodes.UsageError, label);
        _cli.Error.ShouldBe($"error: {file}{expected}{Environment.NewLine}", label);
        _cli.Output.ShouldNotContain("report:", Case.Sensitive, label);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_exits_2_listing_the_same_problem(string label, string json, string target, string expected)
    {
        _ = target;
        var file = _cli.WriteFile("targets.json", json);

        var code = await _cli.RunAsync("validate", "--targets", file, "--suite", RepositoryPaths.Suites);

        if (expected.Contains("no target named", StringComparison.Ordinal))
        {
            // validate asks for no target by name: that file itself is fine.
            code.ShouldBe(ExitCodes.Conformant, label);
            _cli.Output.ShouldStartWith("ok: 2 targets, ", Case.Sensitive, label);
            return;
        }

        code.ShouldBe(ExitCodes.UsageError, label);
        _cli.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldContain($"{file}{expected}", label);
    }

    private static string UnknownDefect(string name) =>
        $"Unknown defect '{name}'. Known defects: {string.Join(", ", global::ConformanceKit.ReferenceServer.Defects.All.Select(d => d.Name))}.";

    public void Dispose() => _cli.Dispose();
}
