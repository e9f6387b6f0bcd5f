using ConformanceKit.Cli;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Configuration;

/// <summary>
/// A secret in the base URL, end to end: <c>conformancekit run</c> against a reference server on loopback
/// whose collection sits under a path segment that is the secret (<c>/t/SECRET/items</c>), with the target's
/// <c>baseUrl</c> reading that segment from the environment. The checks pass, so the URL joining works with
/// the secret in the path; and the secret appears in clear in no output, neither as written nor
/// percent-encoded, although every request URL and every Location carries it.
/// </summary>
public sealed class BaseUrlSecretRunTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_base_url_secret_is_redacted_in_every_output()
    {
        // A space, so the URL carries it percent-encoded (%20): that form must be masked too.
        var secret = "Tok " + Guid.NewGuid().ToString("N");
        var variable = "CK_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            await using var server = await global::ConformanceKit.ReferenceServer.ReferenceServer.StartAsync(
                new global::ConformanceKit.ReferenceServer.ReferenceServerOptions { CollectionPath = $"/t/{secret}/items" },
                CancellationToken.None);
            var targets = _cli.WriteFile("targets.json", $$"""
                { "targets": { "secret-path": {
                    "baseUrl": "{{server.BaseAddress.GetLeftPart(UriPartial.Authority)}}/t/${env:{{variable}}}",
                    "resource": { "path": "/items/{id}", "create": "PUT", "contentType": "application/json" },
                    "capabilities": { "writes": true, "lastModified": true, "ranges": false } } } }
                """);

            var code = await _cli.RunTargetAsync("secret-path", targets, "--only", "optimistic-locking", "--only", "conditional-get-304", "--only", "if-match-current-etag-put");

            code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
            var folder = Path.Combine(_cli.ReportRoot, "secret-path");
            var outputs = new Dictionary<string, string>
            {
                ["results.json"] = File.ReadAllText(Path.Combine(folder, "results.json")),
                ["junit.xml"] = File.ReadAllText(Path.Combine(folder, "junit.xml")),
                ["summary.md"] = File.ReadAllText(Path.Combine(folder, "summary.md")),
                ["index.html"] = File.ReadAllText(Path.Combine(folder, "index.html")),
                ["console"] = _cli.Output + _cli.Error,
            };
            var hidden = secret.Split(' ')[1];
            foreach (var (name, text) in outputs)
            {
                text.ShouldNotContain(hidden, Case.Insensitive, name);
            }

            outputs["results.json"].ShouldContain("/t/[redacted]/items/", Case.Sensitive, "request URLs were recorded, masked");
            outputs["console"].ShouldContain("/t/[redacted]");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    public void Dispose() => _cli.Dispose();
}
