using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Reports;

/// <summary>End to end through <c>conformancekit run</c>: a header value from <c>${env:...}</c> and an
/// Authorization header written in clear never appear in clear in results.json, junit.xml, summary.md,
/// index.html, the cross-target index or the console, even against a server that echoes every request header
/// back in its fields, reason phrase and bodies.</summary>
public sealed class SecretsInReportsTests : IDisposable
{
    private const string Credential = "literal-auth-token-4711";

    private readonly CliRun _cli = new();

    [Fact]
    public async Task Secrets_echoed_by_the_target_are_redacted_in_every_output()
    {
        const string secret = "env-secret-0815-must-not-leak";
        var variable = "CK_TEST_ECHO_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            await using var server = new EchoingServer();
            var targets = _cli.WriteFile("targets.json", $$"""
                { "targets": { "echo": { "baseUrl": "{{server.BaseAddress}}",
                  "resource": { "path": "/items/{id}", "create": "PUT", "contentType": "application/json" },
                  "headers": { "X-Api-Key": "${env:{{variable}}}", "Authorization": "Bearer {{Credential}}" } } } }
                """);

            await _cli.RunTargetAsync("echo", targets, "--only", "optimistic-locking", "--only", "conditional-get-304", "--only", "if-match-current-etag-put");

            _cli.Error.ShouldBeEmpty();
            var folder = Path.Combine(_cli.ReportRoot, "echo");
            var outputs = new Dictionary<string, string>
            {
                ["results.json"] = File.ReadAllText(Path.Combine(folder, "results.json")),
                ["junit.xml"] = File.ReadAllText(Path.Combine(folder, "junit.xml")),
                ["summary.md"] = File.ReadAllText(Path.Combine(folder, "summary.md")),
                ["index.html"] = File.ReadAllText(Path.Combine(folder, "index.html")),
                ["reports/index.html"] = File.ReadAllText(Path.Combine(_cli.ReportRoot, "index.html")),
                ["console"] = _cli.Output,
            };
            foreach (var (name, text) in outputs)
            {
                text.ShouldNotContain(secret, Case.Sensitive, name);
                text.ShouldNotContain(Credential, Case.Sensitive, name);
            }

            outputs["results.json"].ShouldContain("X-Echo-X-Api-Key", Case.Sensitive, "the echo was recorded");
            outputs["results.json"].ShouldContain("Echo Host=", Case.Sensitive, "the reason phrase was recorded");
            outputs["results.json"].ShouldContain("X-Api-Key=[redacted]", Case.Sensitive, "the echoed secret was masked where it came back");
            outputs["results.json"].ShouldContain("Authorization=[redacted]");
            outputs["index.html"].ShouldContain("X-Echo-Authorization: [redacted]");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    public void Dispose() => _cli.Dispose();
}
