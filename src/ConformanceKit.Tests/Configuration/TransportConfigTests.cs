using ConformanceKit.Cli;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Cli;
using ConformanceKit.Tests.Http;

namespace ConformanceKit.Tests.Configuration;

/// <summary>A target's transport fields in targets.json (<c>timeouts</c>, <c>maxBodyBytes</c>, <c>followRedirects</c>,
/// <c>tls</c>, <c>http</c>): read into <see cref="TargetTransport"/>, and every way to get them wrong refused by
/// <c>run</c> and <c>validate</c> with exit 2 and the whole message.</summary>
public sealed class TransportConfigTests : IDisposable
{
    private readonly CliRun _cli = new();

    /// <summary>Label, the fields added to an http target (after its resource), the expected message after the file
    /// name. The target is on line 2 and its extra fields start at column 82.</summary>
    public static TheoryData<string, string, string> Cases { get; } = new()
    {
        { "request timeout without a unit", "\"timeouts\": { \"request\": \"30\" }", ":2:96: $.targets.t.timeouts.request: must be a duration with its unit (ms, s, m or h), e.g. \"30s\", found the string \"30\"" },
        { "run timeout out of range", "\"timeouts\": { \"run\": \"48h\" }", ":2:96: $.targets.t.timeouts.run: 48h is out of range: the bound on the whole run is 1 s to 24 h" },
        { "unknown timeout", "\"timeouts\": { \"connect\": \"5s\" }", ":2:96: $.targets.t.timeouts.connect: unknown field (known fields here: request, run)" },
        { "body cap too small", "\"maxBodyBytes\": 100", ":2:82: $.targets.t.maxBodyBytes: 100 is out of range: a response body cap is 1024 to 268435456 bytes (256 MiB)" },
        { "body cap as text", "\"maxBodyBytes\": \"1MiB\"", ":2:82: $.targets.t.maxBodyBytes: must be a whole number of bytes, found the string \"1MiB\"" },
        { "followRedirects not a boolean", "\"followRedirects\": \"yes\"", ":2:82: $.targets.t.followRedirects: must be true or false, found the string \"yes\"" },
        { "unknown HTTP version", "\"http\": \"3\"", ":2:82: $.targets.t.http: unknown HTTP version '3' (use \"1.1\", the default, or \"2\": HTTP/2 over TLS by ALPN, or on http:// by prior knowledge)" },
        { "HTTP version as a number", "\"http\": 2", ":2:82: $.targets.t.http: must be \"1.1\" or \"2\", found the number 2" },
        { "tls on a plain http target", "\"tls\": { \"insecure\": true }", ":2:82: $.targets.t.tls: TLS options apply to an https:// base URL; this target's is http://" },
        { "unknown tls field", "\"tls\": { \"verify\": false }", ":2:91: $.targets.t.tls.verify: unknown field (known fields here: caFile, insecure)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_and_validate_refuse_a_bad_transport_field(string label, string fields, string expected)
    {
        var file = _cli.WriteFile("targets.json", Targets("http://127.0.0.1:9", fields));

        var code = await _cli.RunTargetAsync("t", file);

        code.ShouldBe(ExitCodes.UsageError, label);
        _cli.Error.ShouldBe($"error: {file}{expected}{Environment.NewLine}", label);
        var validated = await _cli.RunAsync("validate", "--targets", file, "--suite", RepositoryPaths.Suites);
        validated.ShouldBe(ExitCodes.UsageError, label);
        _cli.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).ShouldContain($"{file}{expected}", label);
    }

    [Fact]
    public async Task Tls_problems_of_an_https_target_name_the_file()
    {
        _cli.WriteFile("notes.txt", "not a certificate");
        var cases = new (string Fields, string Expected)[]
        {
            ("\"tls\": { \"caFile\": \"missing.pem\" }", $":2:92: $.targets.t.tls.caFile: 'missing.pem' does not exist (a relative path is read from the targets file's folder: {Path.Combine(_cli.Folder, "missing.pem")})"),
            ("\"tls\": { \"caFile\": \"notes.txt\" }", ":2:92: $.targets.t.tls.caFile: 'notes.txt' holds no certificate this tool can read"),
            ("\"tls\": { \"caFile\": \"notes.txt\", \"insecure\": true }", ":2:83: $.targets.t.tls: insecure: true accepts any certificate, so caFile would never be used: give one of them"),
        };
        foreach (var (fields, expected) in cases)
        {
            var file = _cli.WriteFile("targets.json", Targets("https://127.0.0.1:9", fields));

            var code = await _cli.RunTargetAsync("t", file);

            code.ShouldBe(ExitCodes.UsageError, fields);
            _cli.Error.ShouldStartWith($"error: {file}{expected}", Case.Sensitive, fields);
        }
    }

    [Theory]
    [InlineData("\"tls\": { \"insecure\": true }", ":2:46: $.targets.r.tls: the in-box server is started on plain http; leave \"tls\" out for a reference target")]
    [InlineData("\"http\": \"2\"", ":2:46: $.targets.r.http: the in-box server speaks HTTP/1.1 on plain http; leave \"http\" out for a reference target")]
    public async Task A_reference_target_takes_neither_tls_nor_http_2(string fields, string expected)
    {
        var file = _cli.WriteFile("targets.json", "{ \"targets\": {\n  \"r\": { \"kind\": \"reference\", \"defects\": [], " + fields + " } } }\n");

        var code = await _cli.RunTargetAsync("r", file);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldBe($"error: {file}{expected}{Environment.NewLine}");
    }

    [Fact]
    public void Every_field_is_read_and_a_relative_ca_file_is_found_beside_the_targets_file()
    {
        using var certificates = TestCertificates.Create();
        _cli.WriteFile("ca.pem", certificates.CaPem);
        var file = _cli.WriteFile("targets.json", Targets(
            "https://127.0.0.1:9",
            "\"timeouts\": { \"request\": \"2.5s\", \"run\": \"90m\" }, \"maxBodyBytes\": 65536, \"followRedirects\": true, \"tls\": { \"caFile\": \"ca.pem\" }, \"http\": \"2\""));

        var transport = TargetsFile.Load(file, "t", _ => null).Transport;

        transport.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        transport.RunTimeout.ShouldBe(TimeSpan.FromMinutes(90));
        transport.MaxResponseBodyBytes.ShouldBe(65536);
        transport.FollowRedirects.ShouldBeTrue();
        transport.CaFile.ShouldBe(Path.Combine(_cli.Folder, "ca.pem"));
        transport.CaCertificates!.Count.ShouldBe(1);
        transport.InsecureTls.ShouldBeFalse();
        transport.HttpVersion.ShouldBe(System.Net.HttpVersion.Version20);
        var settings = transport.ApplyTo(new ConformanceKit.Http.ClientSettings());
        settings.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(2.5));
        settings.MaxBodyBytes.ShouldBe(65536);
        settings.FollowRedirects.ShouldBeTrue();
        settings.TrustedCertificates.ShouldBeSameAs(transport.CaCertificates);
    }

    [Fact]
    public void Without_transport_fields_the_defaults_hold()
    {
        var file = _cli.WriteFile("targets.json", Targets("http://127.0.0.1:9", "\"description\": \"plain\""));

        var settings = TargetsFile.Load(file, "t", _ => null).Transport.ApplyTo(new ConformanceKit.Http.ClientSettings());

        settings.ShouldBe(new ConformanceKit.Http.ClientSettings());
        settings.FollowRedirects.ShouldBeFalse("a 3xx is an answer to judge");
        settings.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        settings.MaxBodyBytes.ShouldBe(1024 * 1024);
        settings.HttpVersion.ShouldBe(System.Net.HttpVersion.Version11);
    }

    public void Dispose() => _cli.Dispose();

    // Line 2 holds the target; its extra fields start at column 82 for an http:// URL of 19 characters.
    private static string Targets(string baseUrl, string fields) =>
        "{ \"targets\": {\n  \"t\": { \"baseUrl\": \"" + baseUrl + "\", \"resource\": { \"path\": \"/items/{id}\" }, " + fields + " } } }\n";
}
