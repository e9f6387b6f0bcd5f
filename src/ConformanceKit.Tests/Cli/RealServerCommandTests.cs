using System.Net;
using System.Net.Sockets;
using ConformanceKit.Cli;
using ConformanceKit.RealServers;

namespace ConformanceKit.Tests.Cli;

/// <summary>
/// <c>serve --server nginx|apache2</c> (a real server on a fixed loopback port, as targets.json's entries expect,
/// stopped by pid on Ctrl+C) and <c>bench real-races</c>: their options, and one tiny bounded run each. These
/// never judge speed or the servers' answers; the benchmark's figures are in the README.
/// </summary>
public sealed class RealServerCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(new[] { "serve", "--server", "lighttpd" }, "--server: unknown server 'lighttpd' (reference, the default; nginx; apache2)")]
    [InlineData(new[] { "serve", "--port", "5090" }, "--port is for --server nginx or apache2; the reference server takes --urls")]
    [InlineData(new[] { "serve", "--server", "nginx", "--urls", "http://127.0.0.1:1" }, "--urls is for the reference server; --server nginx takes only --port")]
    [InlineData(new[] { "serve", "--server", "apache2", "--defect", "unquoted-etag" }, "--defect is for the reference server; --server apache2 takes only --port")]
    [InlineData(new[] { "serve", "--server", "nginx", "--port", "80" }, "--port must be between 1024 and 65535, got 80")]
    [InlineData(new[] { "bench", "real-races", "--servers", "iis" }, "--servers: 'iis' is not a real server (known: nginx, apache2)")]
    [InlineData(new[] { "bench", "real-races", "--servers", "nginx,nginx" }, "--servers names a server twice in 'nginx,nginx'")]
    [InlineData(new[] { "bench", "real-races", "--clients", "1" }, "--clients must be between 2 and 64, got 1")]
    [InlineData(new[] { "bench", "real-races", "--rounds", "0" }, "--rounds must be between 1 and 200, got 0")]
    [InlineData(new[] { "bench", "real-races", "--sizes", "10" }, "--sizes: '10' is not a size from 64 bytes to 8MiB")]
    [InlineData(new[] { "bench", "real-races", "--sizes", "9MiB" }, "--sizes: '9MiB' is not a size from 64 bytes to 8MiB")]
    [InlineData(new[] { "bench", "real-races", "--sizes", "1KiB,1024" }, "--sizes names 1024 twice")]
    public async Task A_bad_option_exits_2_naming_it_before_anything_starts(string[] args, string message)
    {
        var code = await _cli.RunAsync(args);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain(message);
        _cli.Output.ShouldBeEmpty();
    }

    [Fact(Timeout = 60_000)]
    public async Task Serve_runs_nginx_on_the_port_given_until_cancelled_and_then_stops_it()
    {
        var port = FreePort();
        using var output = new LineWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var serving = CliApp.RunAsync(["serve", "--server", "nginx", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, error, stop.Token);

        var line = await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        line.ShouldStartWith("nginx/");
        line.ShouldContain($"listening on http://127.0.0.1:{port}/ (WebDAV under /dav/, static file /static/hello.txt, pid ");
        using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }))
        {
            (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/static/hello.txt"), CancellationToken.None)).ShouldBe(RealServer.StaticFileContent);
        }

        await stop.CancelAsync();
        (await serving).ShouldBe(ExitCodes.Conformant, error.ToString());
        (await Accepts(port)).ShouldBeFalse("nginx was stopped by pid when the command ended");
    }

    [Fact(Timeout = 60_000)]
    public async Task Serve_refuses_a_port_another_process_listens_on()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var code = await _cli.RunAsync("serve", "--server", "apache2", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        code.ShouldBe(ExitCodes.CannotRun);
        _cli.Error.ShouldContain($"apache2 cannot start on 127.0.0.1:{port}: another process is listening on that port");
    }

    [Fact(Timeout = 120_000)]
    public async Task Bench_real_races_reports_one_line_per_server_and_size()
    {
        var code = await _cli.RunAsync("bench", "real-races", "--servers", "nginx", "--clients", "2", "--rounds", "1", "--sizes", "100,4KiB");

        code.ShouldBe(ExitCodes.Conformant, _cli.Error);
        var lines = _cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith("real-server races: 2 clients per If-Match race, 1 rounds per server and body size, bodies of 100 B and 4 KiB, seed 1;");
        lines[1].ShouldMatch(@"^nginx/\S+, 100 B bodies: successful writes per 2-way If-Match race median [0-2], min [0-2], max [0-2], mean [0-9.]+ in 1 rounds; \d+ refused with 412, \d+ other answers; \d+ lost updates; the file then held .+; waited for a strong ETag median \d+ ms, max \d+ ms$");
        lines[2].ShouldStartWith("nginx/");
        lines[2].ShouldContain(", 4 KiB bodies: ");
        lines[3].ShouldBe("a correct server: exactly 1 successful write per round, the other 1 refused with 412, 0 lost updates");
        lines[4].ShouldStartWith("done in ");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A writer that also completes a task with the first line written.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _first.Task;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            _first.TrySetResult(value ?? string.Empty);
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
