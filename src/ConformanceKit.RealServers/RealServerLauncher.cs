using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ConformanceKit.RealServers;

/// <summary>Started and listening: what a <see cref="RealServer"/> wraps.</summary>
internal sealed record ServerLaunch(string Name, string Binary, string Version, int Port, RunFolder Folder, ServerProcess Process, RealServerOptions Options);

/// <summary>
/// Starts a real server: find the binary, read its version, pick a free loopback port, write a fresh run folder
/// (configs and static files), start the binary in the foreground, and wait (bounded) until it serves the
/// static file. A port another process took in between is retried on a new one (three tries); a fixed
/// <see cref="RealServerOptions.Port"/> is not. On any failure
/// the process is stopped and the folder deleted before the error is thrown.
/// </summary>
internal static partial class RealServerLauncher
{
    public const string StaticFolder = "static";
    public const string StaticFile = "hello.txt";

    /// <summary>Static files get this modification time, so their tags are strong (httpd weakens the tag
    /// of a file changed within the last second) and the same on every run.</summary>
    public static readonly DateTime StaticFileTime = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const int Attempts = 3;

    public static async Task<ServerLaunch> StartAsync(ServerRecipe recipe, RealServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var binary = ToolLocator.Find(recipe.Name, recipe.AptPackage, options.Binary);
        recipe.CheckInstalled?.Invoke();
        var version = await VersionAsync(recipe, binary, cancellationToken).ConfigureAwait(false);
        if (options.Port is { } fixedPort && await LoopbackPort.AcceptsAsync(fixedPort, cancellationToken).ConfigureAwait(false))
        {
            // Checked first: the wait below would otherwise talk to whatever listens there.
            throw new RealServerStartException($"{recipe.Name} cannot start on 127.0.0.1:{fixedPort.ToString(CultureInfo.InvariantCulture)}: another process is listening on that port (stop it, or choose another port)");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port ?? LoopbackPort.PickFree();
            var folder = RunFolder.Create(recipe.Name);
            ServerProcess? process = null;
            try
            {
                WriteStaticFiles(folder);
                var plan = recipe.Prepare(binary, folder, port, options);
                process = ServerProcess.Start(binary, plan.Arguments, plan.Environment, folder.Root);
                await WaitUntilServingAsync(process, port, options.StartTimeout, cancellationToken).ConfigureAwait(false);
                return new ServerLaunch(recipe.Name, binary, version, port, folder, process, options);
            }
            catch (Exception e)
            {
                var log = process is null ? "" : $"\noutput:\n{process.Output}";
                if (process is not null)
                {
                    await process.StopAsync(options.StopTimeout).ConfigureAwait(false);
                    process.Dispose();
                }

                log += $"\nerror log:\n{folder.Read("logs/error.log")}";
                folder.TryDelete();
                if (e is not StartFailure)
                {
                    throw;
                }

                if (options.Port is null && attempt < Attempts && AddressInUse().IsMatch(log))
                {
                    continue;
                }

                throw new RealServerStartException($"{recipe.Name} ({binary}, {version}) did not start on 127.0.0.1:{port}: {e.Message}{log}");
            }
        }
    }

    /// <summary>The content every run's static file has (Configs/static/hello.txt).</summary>
    public static string StaticFileContent { get; } = ConfigTemplate.Read($"{StaticFolder}/{StaticFile}");

    private static void WriteStaticFiles(RunFolder folder)
    {
        foreach (var name in ConfigTemplate.List(StaticFolder))
        {
            var file = Path.Combine(folder.Static, name);
            File.WriteAllText(file, ConfigTemplate.Read($"{StaticFolder}/{name}"));
            File.SetLastWriteTimeUtc(file, StaticFileTime);
        }
    }

    private static async Task<string> VersionAsync(ServerRecipe recipe, string binary, CancellationToken cancellationToken)
    {
        var output = await ToolProcess.RunAsync(binary, recipe.VersionArguments, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var text = output.StandardOutput + output.StandardError;
        return VersionToken().Match(text) is { Success: true } match
            ? match.Value.Trim()
            : throw new RealServerStartException($"{binary} {string.Join(' ', recipe.VersionArguments)} printed no version (exit {output.ExitCode.ToString(CultureInfo.InvariantCulture)}): {text}");
    }

    /// <summary>Polls GET /static/hello.txt until it is served with its content; fails at once when the
    /// process exits or answers anything else.</summary>
    private static async Task WaitUntilServingAsync(ServerProcess process, int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(1) };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{StaticFolder}/{StaticFile}");
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            if (process.HasExited)
            {
                throw new StartFailure("it exited before it served anything");
            }

            if (deadline.IsCancellationRequested)
            {
                throw new StartFailure($"it did not serve {url} within {limit.TotalSeconds:0.#} s");
            }

            try
            {
                using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK && body == StaticFileContent)
                {
                    return;
                }

                throw new StartFailure($"GET {url} was answered {(int)response.StatusCode} with {body.Length} characters, not the static file");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This attempt timed out.
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"(nginx|Apache)/\d+(\.\d+)*( \([^)]*\))?")]
    private static partial Regex VersionToken();

    [GeneratedRegex("Address already in use|could not bind to address", RegexOptions.IgnoreCase)]
    private static partial Regex AddressInUse();

    /// <summary>The server was started but did not come up (the launcher adds its logs).</summary>
    private sealed class StartFailure(string message) : Exception(message);
}
