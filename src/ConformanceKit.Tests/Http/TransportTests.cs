using System.Text.Json;
using ConformanceKit.Cli;
using ConformanceKit.ReferenceServer;
using ConformanceKit.Tests.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.Http;

/// <summary>
/// TLS trust and HTTP versions through <c>conformancekit run</c>, against the reference server on a loopback
/// Kestrel endpoint: HTTPS with a certificate from a private CA (HTTP/1.1 and HTTP/2 by ALPN), and HTTP/2 without
/// TLS (h2c, prior knowledge). A certificate nobody trusts stops the run with exit 3; the CA file (or the insecure
/// switch, with its warning) lets it through.
/// </summary>
public sealed class TransportTests : IDisposable
{
    private static readonly string[] TwoChecks = ["--only", "conditional-get-304", "--only", "optimistic-locking"];
    private readonly CliRun _cli = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    [Fact]
    public async Task A_self_signed_test_server_fails_without_its_ca_and_passes_with_the_ca_file()
    {
        await using var server = await StartAsync(HttpProtocols.Http1AndHttp2, tls: true);

        var untrusted = await RunAsync(server.BaseAddress, string.Empty);

        untrusted.ShouldBe(ExitCodes.CannotRun, _cli.Output + _cli.Error);
        _cli.Error.ShouldContain("The SSL connection could not be established");
        _cli.Error.ShouldContain("for a private CA set the target's tls.caFile, for a test server tls.insecure");

        _cli.WriteFile("ca.pem", _certificates.CaPem);
        var trusted = await RunAsync(server.BaseAddress, ", \"tls\": { \"caFile\": \"ca.pem\" }");

        trusted.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        Versions().ShouldAllBe(v => v == "HTTP/1.1");
        _cli.Output.ShouldNotContain("warning:");
    }

    [Fact]
    public async Task Another_ca_is_not_trusted_for_this_server()
    {
        await using var server = await StartAsync(HttpProtocols.Http1AndHttp2, tls: true);
        using var other = TestCertificates.Create("Some Other CA");
        _cli.WriteFile("other.pem", other.CaPem);

        var code = await RunAsync(server.BaseAddress, ", \"tls\": { \"caFile\": \"other.pem\" }");

        code.ShouldBe(ExitCodes.CannotRun, _cli.Output + _cli.Error);
        _cli.Error.ShouldContain("The SSL connection could not be established");
    }

    [Fact]
    public async Task Insecure_accepts_the_certificate_and_prints_a_warning()
    {
        await using var server = await StartAsync(HttpProtocols.Http1AndHttp2, tls: true);

        var code = await RunAsync(server.BaseAddress, ", \"tls\": { \"insecure\": true }");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        _cli.Output.ShouldStartWith("warning: target 't': TLS certificates are NOT checked (tls.insecure: true); use this for test servers only");
    }

    [Fact]
    public async Task Http_2_over_tls_is_negotiated_by_alpn()
    {
        await using var server = await StartAsync(HttpProtocols.Http1AndHttp2, tls: true);
        _cli.WriteFile("ca.pem", _certificates.CaPem);

        var code = await RunAsync(server.BaseAddress, ", \"tls\": { \"caFile\": \"ca.pem\" }, \"http\": \"2\"");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        Versions().ShouldNotBeEmpty();
        Versions().ShouldAllBe(v => v == "HTTP/2.0");
    }

    [Fact]
    public async Task Http_2_without_tls_uses_prior_knowledge()
    {
        await using var server = await StartAsync(HttpProtocols.Http2, tls: false);

        var code = await RunAsync(server.BaseAddress, ", \"http\": \"2\"");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        Versions().ShouldAllBe(v => v == "HTTP/2.0");
    }

    [Fact]
    public async Task Http_2_asked_of_an_http_1_server_is_not_silently_downgraded()
    {
        await using var server = await StartAsync(HttpProtocols.Http1, tls: false);

        var code = await RunAsync(server.BaseAddress, ", \"http\": \"2\"");

        code.ShouldBe(ExitCodes.CannotRun, _cli.Output + _cli.Error);
        _cli.Error.ShouldContain($"target 't' is unreachable at {server.BaseAddress}");
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _cli.Dispose();
    }

    private Task<ServerHost> StartAsync(HttpProtocols protocols, bool tls) =>
        ServerHost.StartAsync(new ReferenceServerOptions
        {
            Listen = listen =>
            {
                listen.Protocols = protocols;
                if (tls)
                {
                    listen.UseHttps(_certificates.Server);
                }
            },
        });

    private Task<int> RunAsync(Uri baseAddress, string fields)
    {
        var url = baseAddress.GetLeftPart(UriPartial.Authority).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        var file = _cli.WriteFile("targets.json", $$"""
            { "targets": { "t": {
                "baseUrl": "{{url}}",
                "resource": { "path": "/items/{id}", "existing": "/static/hello.txt" },
                "capabilities": { "ranges": true, "patch": true }{{fields}} } } }
            """);
        return _cli.RunTargetAsync("t", file, TwoChecks);
    }

    private List<string> Versions()
    {
        using var results = _cli.Results("t");
        return results.RootElement.GetProperty("checks").EnumerateArray()
            .SelectMany(c => c.GetProperty("exchanges").EnumerateArray())
            .Where(e => e.TryGetProperty("response", out _))
            .Select(e => e.GetProperty("response").GetProperty("version").GetString()!)
            .ToList();
    }
}
