using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConformanceKit.RealServers;

namespace ConformanceKit.Tests.RealServers;

/// <summary>
/// What every real server from src/ConformanceKit.RealServers must do, run once per server (the derived
/// classes). A missing binary fails these tests with the apt package to install: CI installs the packages
/// (.ci/run), so a skip would hide a broken CI. Every step is bounded.
/// </summary>
public abstract class RealServerContract
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private protected abstract Task<RealServer> StartAsync(RealServerOptions? options, CancellationToken cancellationToken);

    private protected abstract string VersionPrefix { get; }

    [Fact(Timeout = 60_000)]
    public async Task Serves_the_static_file_with_an_etag_and_last_modified_and_answers_304_for_that_etag()
    {
        using var bound = new CancellationTokenSource(Bound);
        await using var server = await StartAsync(null, bound.Token);
        using var client = Client();
        server.Version.ShouldStartWith(VersionPrefix);

        using var first = await client.GetAsync(server.UriOf(server.StaticFilePath), bound.Token);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, server.ErrorLog);
        (await first.Content.ReadAsStringAsync(bound.Token)).ShouldBe(RealServer.StaticFileContent);
        var etag = first.Headers.ETag.ShouldNotBeNull("the static file has an ETag");
        etag.IsWeak.ShouldBeFalse("the static file is old, so even httpd's tag is strong");
        first.Content.Headers.LastModified.ShouldBe(new DateTimeOffset(RealServer.StaticFileTime));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, server.UriOf(server.StaticFilePath));
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional, bound.Token);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await notModified.Content.ReadAsByteArrayAsync(bound.Token)).ShouldBeEmpty();
        notModified.Headers.ETag.ShouldBe(etag);

        using var other = new HttpRequestMessage(HttpMethod.Get, server.UriOf(server.StaticFilePath));
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-this-one\""));
        using var full = await client.SendAsync(other, bound.Token);
        full.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dav_put_creates_a_file_then_replaces_it_and_delete_removes_it()
    {
        using var bound = new CancellationTokenSource(Bound);
        await using var server = await StartAsync(null, bound.Token);
        using var client = Client();
        var file = server.UriOf($"{server.DavPath}contract-{Guid.NewGuid():N}.txt");

        using var created = await client.PutAsync(file, Text("first version"), bound.Token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, server.ErrorLog);
        (await client.GetStringAsync(file, bound.Token)).ShouldBe("first version");

        using var replaced = await client.PutAsync(file, Text("second, longer version"), bound.Token);
        replaced.StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.OK);
        (await client.GetStringAsync(file, bound.Token)).ShouldBe("second, longer version");

        using var deleted = await client.DeleteAsync(file, bound.Token);
        deleted.StatusCode.ShouldBeOneOf(HttpStatusCode.NoContent, HttpStatusCode.OK);
        using var gone = await client.GetAsync(file, bound.Token);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_stops_every_process_closes_the_port_and_removes_the_run_folder()
    {
        using var bound = new CancellationTokenSource(Bound);
        var server = await StartAsync(new RealServerOptions { Workers = 2 }, bound.Token);
        var (pid, port, folder) = (server.ProcessId, server.Port, server.RunFolder);
        File.Exists(Path.Combine(folder, "conf", server.Name == "nginx" ? "nginx.conf" : "httpd.conf")).ShouldBeTrue();
        ProcessTable.LiveMembers(pid).Count.ShouldBeGreaterThan(1, "the main process and its workers share one group");

        await server.DisposeAsync();

        await ShouldBeStoppedAsync(pid, port, folder, bound.Token);
        await server.DisposeAsync(); // twice is harmless
    }

    [Fact(Timeout = 60_000)]
    public async Task Dispose_after_the_main_process_crashed_still_kills_its_workers()
    {
        using var bound = new CancellationTokenSource(Bound);
        var server = await StartAsync(null, bound.Token);
        var (pid, port, folder) = (server.ProcessId, server.Port, server.RunFolder);
        using (var main = System.Diagnostics.Process.GetProcessById(pid))
        {
            main.Kill(entireProcessTree: false); // SIGKILL the master alone: its workers are orphaned
            await main.WaitForExitAsync(bound.Token);
        }

        server.IsRunning.ShouldBeFalse();
        await server.DisposeAsync();

        await ShouldBeStoppedAsync(pid, port, folder, bound.Token);
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_servers_run_side_by_side_on_their_own_ports_and_folders()
    {
        using var bound = new CancellationTokenSource(Bound);
        await using var one = await StartAsync(null, bound.Token);
        await using var two = await StartAsync(null, bound.Token);
        one.Port.ShouldNotBe(two.Port);
        one.RunFolder.ShouldNotBe(two.RunFolder);
        one.RunFolder.ShouldStartWith(Path.GetTempPath());
        one.Port.ShouldNotBe(80);
    }

    private static async Task ShouldBeStoppedAsync(int pid, int port, string folder, CancellationToken cancellationToken)
    {
        ProcessTable.IsAlive(pid).ShouldBeFalse($"process {pid} is gone");
        ProcessTable.LiveMembers(pid).ShouldBeEmpty($"no process of group {pid} is left");
        (await LoopbackPort.AcceptsAsync(port, cancellationToken)).ShouldBeFalse($"port {port} is closed");
        Directory.Exists(folder).ShouldBeFalse($"the run folder {folder} is removed");
    }

    private static HttpClient Client() =>
        new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromSeconds(10) };

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");
}
