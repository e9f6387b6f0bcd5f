using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Configuration;

/// <summary>Well-formed targets.json files load into the values the runner uses: defaults filled in,
/// environment references expanded for the chosen target only, and their values kept as secrets.</summary>
public sealed class TargetsFileLoadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string? TokenOnly(string name) => name == "API_TOKEN" ? "test-token-123" : null;

    [Fact]
    public void The_repository_targets_file_loads_every_target_it_lists()
    {
        var names = TargetsFile.Names(RepositoryPaths.TargetsFile);

        names.ShouldBe(["reference", "reference-strict", "reference-no-preconditions", "reference-sqlite", "nginx", "apache2", "my-api", "my-post-api", "my-static-site"], ignoreOrder: true);
        foreach (var name in names)
        {
            var target = TargetsFile.Load(RepositoryPaths.TargetsFile, name, TokenOnly);

            target.Name.ShouldBe(name);
            target.SourceFile.ShouldBe(RepositoryPaths.TargetsFile);
            if (target.Kind == TargetKind.Remote)
            {
                target.BaseUrl.ShouldNotBeNull().Scheme.ShouldBeOneOf("http", "https");
            }
            else
            {
                target.BaseUrl.ShouldBeNull();
            }
        }
    }

    /// <summary>The real servers' entries: the fixed loopback ports <c>serve --server</c> uses, files under
    /// the WebDAV folder, the static file as the existing resource, ranges and no PATCH.</summary>
    [Theory]
    [InlineData("nginx", 5081)]
    [InlineData("apache2", 5082)]
    public void The_repository_real_server_targets_point_at_the_serve_ports(string name, int port)
    {
        var target = TargetsFile.Load(RepositoryPaths.TargetsFile, name, TokenOnly);

        target.Kind.ShouldBe(TargetKind.Remote);
        target.BaseUrl.ShouldBe(new Uri($"http://127.0.0.1:{port}"));
        port.ShouldBe(name == "nginx" ? ConformanceKit.Cli.Commands.ServeCommand.NginxPort : ConformanceKit.Cli.Commands.ServeCommand.ApachePort);
        target.Resource.ShouldBe(new ResourceRecipe("/dav/{id}.json", CreateMethod.Put, null, "application/json", "/static/hello.txt"));
        target.Capabilities.ShouldBe(new Capabilities(Writes: true, LastModified: true, Ranges: true, RequirePreconditions: false) { Patch = false });
    }

    [Fact]
    public void The_repository_example_api_gets_its_token_from_the_environment()
    {
        var target = TargetsFile.Load(RepositoryPaths.TargetsFile, "my-api", TokenOnly);

        target.Headers.ShouldHaveSingleItem().ShouldBe(new TargetHeader("Authorization", "Bearer test-token-123", IsSecret: true));
        target.Secrets.ShouldBe(["test-token-123"]);
    }

    [Fact]
    public void Environment_references_are_filled_and_recorded_as_secrets()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "api": {
                "baseUrl": "https://${env:CK_HOST}/v1",
                "resource": { "path": "/items/{id}" },
                "headers": {
                  "Authorization": "Bearer ${env:CK_TOKEN}",
                  "X-Tenant": "${env:CK_TENANT}-${env:CK_REGION}",
                  "Accept-Language": "en" } } } }
            """);
        var environment = new Dictionary<string, string>
        {
            ["CK_HOST"] = "api.internal.example",
            ["CK_TOKEN"] = "s3cr3t",
            ["CK_TENANT"] = "acme",
            ["CK_REGION"] = "eu",
        };

        var target = TargetsFile.Load(file, "api", name => environment.GetValueOrDefault(name));

        target.BaseUrl.ShouldBe(new Uri("https://api.internal.example/v1"));
        target.Headers.ShouldBe(
        [
            new TargetHeader("Authorization", "Bearer s3cr3t", IsSecret: true),
            new TargetHeader("X-Tenant", "acme-eu", IsSecret: true),
            new TargetHeader("Accept-Language", "en", IsSecret: false),
        ]);
        target.Secrets.ShouldBe(["api.internal.example", "s3cr3t", "acme", "eu"]);
    }

    [Fact]
    public void A_target_without_environment_references_has_no_secrets()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}" },
                                    "headers": { "X-Client": "conformancekit" } } } }
            """);

        var target = TargetsFile.Load(file, "api", _ => throw new InvalidOperationException("no environment lookup expected"));

        target.Secrets.ShouldBeEmpty();
        target.Headers.ShouldBe([new TargetHeader("X-Client", "conformancekit", IsSecret: false)]);
    }

    [Fact]
    public void Only_the_chosen_target_reads_the_environment()
    {
        var file = _folder.Write("targets.json", """
            { "targets": {
                "other": { "baseUrl": "http://127.0.0.1:9000", "resource": { "path": "/x/{id}" },
                           "headers": { "Authorization": "Bearer ${env:CK_OTHER_TOKEN}" } },
                "api": { "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}" },
                         "headers": { "Authorization": "Bearer ${env:CK_API_TOKEN}" } } } }
            """);
        var asked = new List<string>();

        var target = TargetsFile.Load(file, "api", name =>
        {
            asked.Add(name);
            return name == "CK_API_TOKEN" ? "api-token" : null;
        });

        asked.ShouldBe(["CK_API_TOKEN"]);
        target.Secrets.ShouldBe(["api-token"]);
    }

    [Fact]
    public void An_unrelated_targets_missing_header_variable_does_not_stop_loading()
    {
        var file = _folder.Write("targets.json", """
            { "targets": {
                "staging": { "baseUrl": "https://staging.example", "resource": { "path": "/items/{id}" },
                             "headers": { "Authorization": "Bearer ${env:CK_STAGING_TOKEN}" } },
                "reference": { "kind": "reference" } } }
            """);

        var target = TargetsFile.Load(file, "reference", _ => null);

        target.Kind.ShouldBe(TargetKind.Reference);
    }

    [Fact]
    public void An_unrelated_targets_base_url_from_the_environment_does_not_stop_loading()
    {
        // Validation of the other target must not judge "${env:...}" as if it were the URL itself.
        var file = _folder.Write("targets.json", """
            { "targets": {
                "staging": { "baseUrl": "${env:CK_STAGING_URL}", "resource": { "path": "/items/{id}" } },
                "partly": { "baseUrl": "https://${env:CK_HOST}:8443/api", "resource": { "path": "/items/{id}" } },
                "reference": { "kind": "reference" } } }
            """);

        var target = TargetsFile.Load(file, "reference", _ => null);

        target.Kind.ShouldBe(TargetKind.Reference);
        TargetsFile.Load(file, "staging", name => name == "CK_STAGING_URL" ? "https://staging.example" : null)
            .BaseUrl.ShouldBe(new Uri("https://staging.example"));
    }

    [Fact]
    public void A_reference_target_gets_the_reference_defaults()
    {
        var file = _folder.Write("targets.json", """{ "targets": { "reference": { "kind": "reference" } } }""");

        var target = TargetsFile.Load(file, "reference", _ => null);

        target.Kind.ShouldBe(TargetKind.Reference);
        target.BaseUrl.ShouldBeNull();
        target.Capabilities.ShouldBe(new Capabilities(Writes: true, LastModified: true, Ranges: true, RequirePreconditions: false) { Patch = true, Cors = true });
        target.Resource.ShouldBe(new ResourceRecipe("/items/{id}", CreateMethod.Put, "/items", "application/json", "/static/hello.txt"));
        target.Headers.ShouldBeEmpty();
        target.Defects.ShouldBeEmpty();
        target.Secrets.ShouldBeEmpty();
    }

    [Fact]
    public void A_reference_target_may_require_preconditions_and_name_defects()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "strict": { "kind": "reference", "capabilities": { "requirePreconditions": true, "ranges": true },
                                       "defects": ["write-preconditions-ignored", "weak-etags"] } } }
            """);

        var target = TargetsFile.Load(file, "strict", _ => null);

        target.Capabilities.ShouldBe(Capabilities.ReferenceDefault with { RequirePreconditions = true });
        target.Defects.ShouldBe(["write-preconditions-ignored", "weak-etags"]);
    }

    [Fact]
    public void A_remote_target_gets_remote_defaults()
    {
        var file = _folder.Write("targets.json", """
            // comments and trailing commas are allowed
            { "targets": { "api": { "kind": "http", "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}", }, }, }, }
            """);

        var target = TargetsFile.Load(file, "api", _ => null);

        target.Kind.ShouldBe(TargetKind.Remote);
        target.Capabilities.ShouldBe(new Capabilities(Writes: true, LastModified: true, Ranges: false, RequirePreconditions: false));
        target.Resource.ShouldBe(new ResourceRecipe("/items/{id}", CreateMethod.Put, null, "application/json", null));
        target.Defects.ShouldBeEmpty();
    }

    [Fact]
    public void A_post_recipe_and_a_read_only_recipe_load_as_written()
    {
        var file = _folder.Write("targets.json", """
            { "targets": {
                "notes": { "baseUrl": "http://127.0.0.1:8080/api",
                           "resource": { "path": "/notes/{id}", "create": "POST", "collection": "/notes", "contentType": "text/plain" } },
                "static": { "baseUrl": "http://127.0.0.1:8081", "resource": { "existing": "/index.html" },
                            "capabilities": { "writes": false, "ranges": true } } } }
            """);

        var notes = TargetsFile.Load(file, "notes", _ => null);
        var site = TargetsFile.Load(file, "static", _ => null);

        notes.Resource.ShouldBe(new ResourceRecipe("/notes/{id}", CreateMethod.Post, "/notes", "text/plain", null));
        notes.Resource.PathFor("a b").ShouldBe("/notes/a%20b");
        site.Resource.ShouldBe(new ResourceRecipe(null, CreateMethod.Put, null, "application/json", "/index.html"));
        site.Capabilities.ShouldBe(new Capabilities(Writes: false, LastModified: true, Ranges: true, RequirePreconditions: false));
    }

    [Fact]
    public void Names_lists_targets_in_file_order()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "zeta": { "kind": "reference" }, "alpha": { "kind": "reference" }, "mid": { "kind": "reference" } } }
            """);

        TargetsFile.Names(file).ShouldBe(["zeta", "alpha", "mid"]);
    }

    public void Dispose() => _folder.Dispose();
}
