using ConformanceKit.RealServers;

namespace ConformanceKit.Tests.RealServers;

public sealed class NginxServerTests : RealServerContract
{
    private protected override string VersionPrefix => "nginx/";

    private protected override async Task<RealServer> StartAsync(RealServerOptions? options, CancellationToken cancellationToken) =>
        await NginxServer.StartAsync(options, cancellationToken);

    [Fact(Timeout = 60_000)]
    public async Task Dav_put_creates_missing_folders()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await NginxServer.StartAsync(cancellationToken: bound.Token);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var created = await client.PutAsync(server.UriOf($"{server.DavPath}a/b/c.json"), new StringContent("{}"), bound.Token);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
    }
}

public sealed class ApacheServerTests : RealServerContract
{
    private protected override string VersionPrefix => "Apache/2.";

    private protected override async Task<RealServer> StartAsync(RealServerOptions? options, CancellationToken cancellationToken) =>
        await ApacheServer.StartAsync(options, cancellationToken);
}

/// <summary>Launcher behaviour that needs no server: missing binaries, bad options, the templates.</summary>
public sealed class RealServerLauncherTests
{
    [Fact]
    public async Task A_missing_nginx_fails_naming_the_apt_package()
    {
        var missing = await Should.ThrowAsync<MissingToolException>(() =>
            NginxServer.StartAsync(new RealServerOptions { Binary = "/nonexistent/nginx" }, CancellationToken.None));
        missing.AptPackage.ShouldBe("nginx");
        missing.Message.ShouldContain("apt-get install -y nginx");
    }

    [Fact]
    public async Task A_missing_apache2_fails_naming_the_apt_package()
    {
        var missing = await Should.ThrowAsync<MissingToolException>(() =>
            ApacheServer.StartAsync(new RealServerOptions { Binary = "/nonexistent/apache2" }, CancellationToken.None));
        missing.AptPackage.ShouldBe("apache2");
        missing.Message.ShouldContain("apt-get install -y apache2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Worker_counts_outside_1_to_4_are_refused_before_anything_starts(int workers)
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => NginxServer.StartAsync(new RealServerOptions { Workers = workers }, CancellationToken.None));
    }

    [Theory]
    [InlineData("nginx/nginx.conf")]
    [InlineData("apache2/httpd.conf")]
    public void Every_placeholder_of_a_template_is_filled_and_none_is_left(string template)
    {
        var values = new Dictionary<string, string>
        {
            ["RUN"] = "/tmp/ck-run", ["PORT"] = "12345", ["WORKERS"] = "1", ["MODULES"] = "/m", ["USER"] = "u", ["GROUP"] = "g",
        };
        var text = ConfigTemplate.Render(template, values);
        text.ShouldNotContain("{{");
        text.ShouldContain("127.0.0.1:12345");
        text.ShouldNotContain(":80;");
        text.ShouldNotContain("/var/");
    }

    [Fact]
    public void A_placeholder_the_launcher_does_not_fill_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => ConfigTemplate.Render("nginx/nginx.conf", new Dictionary<string, string> { ["RUN"] = "/x" }))
            .Message.ShouldContain("{{PORT}}");
    }
}
