using System.Globalization;
using System.Runtime.InteropServices;
using ConformanceKit.RealServers;
using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit serve</c>: the reference server standalone, until Ctrl+C. Its first output line
/// says where it listens (<c>reference server listening on http://...</c>), so a script can read the port.
/// <c>--server nginx</c> or <c>--server apache2</c> runs that real server instead, from the repo's configs
/// (src/ConformanceKit.RealServers/Configs) on the fixed loopback port its targets.json entry names
/// (<see cref="NginxPort"/>, <see cref="ApachePort"/>; <c>--port</c> changes it), until Ctrl+C or SIGTERM,
/// and then stops it by pid and deletes its run folder.</summary>
public static class ServeCommand
{
    /// <summary>The loopback port of targets.json's "nginx" target.</summary>
    public const int NginxPort = 5081;

    /// <summary>The loopback port of targets.json's "apache2" target.</summary>
    public const int ApachePort = 5082;

    /// <summary>The options of <c>serve</c> that take a value, and its flags.</summary>
    internal static readonly string[] ValueOptions = ["--urls", "--defect", "--store", "--server", "--port", "--cors-origin"];

    internal static readonly string[] FlagOptions = ["--require-preconditions"];

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new ArgumentReader("serve", args, ValueOptions, FlagOptions);
        switch (options.Value("--server") ?? "reference")
        {
            case "reference":
                if (options.Value("--port") is not null)
                {
                    throw new UsageException("--port is for --server nginx or apache2; the reference server takes --urls");
                }

                break;
            case "nginx":
                return await ServeRealAsync(options, "nginx", NginxPort, output, cancellationToken).ConfigureAwait(false);
            case "apache2":
                return await ServeRealAsync(options, "apache2", ApachePort, output, cancellationToken).ConfigureAwait(false);
            case var other:
                throw new UsageException($"--server: unknown server '{other}' (reference, the default; nginx; apache2)");
        }

        DefectSet defects;
        try
        {
            defects = DefectSet.Parse(options.All("--defect"));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }

        var store = ParseStore(options.Value("--store"));
        var corsOrigins = ParseCorsOrigins(options.All("--cors-origin"));
        var serverOptions = new ReferenceServerOptions
        {
            Urls = options.Value("--urls") ?? "http://127.0.0.1:5080",
            RequirePreconditions = options.Flag("--require-preconditions"),
            Defects = defects,
            Store = store,
            CorsOrigins = corsOrigins,
            InlineScheduling = SocketCompletions.ServesInline(args),
        };
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(serverOptions, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"reference server listening on {server.BaseAddress} (documents under {serverOptions.CollectionPath}/, store: {store}, defects: {defects}, cors: {(corsOrigins.Count == 0 ? "off" : string.Join(" ", corsOrigins))}, scheduling: {(serverOptions.InlineScheduling ? "inline" : "thread pool")}); Ctrl+C stops it").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: a normal way to stop.
        }

        return ExitCodes.Conformant;
    }

    /// <summary><c>--cors-origin ORIGIN</c> (repeatable): the origins whose scripts may use the server, each
    /// <c>scheme://host[:port]</c>, or <c>*</c> for every origin (the default), or <c>none</c> for no CORS.</summary>
    private static List<string> ParseCorsOrigins(IReadOnlyList<string> given)
    {
        if (given.Count == 0)
        {
            return ["*"];
        }

        if (given.Contains("none"))
        {
            return given.Count == 1 ? [] : throw new UsageException("--cors-origin none switches CORS off; give it alone");
        }

        foreach (var origin in given.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                throw new UsageException($"--cors-origin takes an origin such as http://127.0.0.1:5090 (scheme, host and port, no path), * or none; got '{origin}'");
            }
        }

        return [.. given];
    }

    /// <summary>A real server on a fixed loopback port until Ctrl+C or SIGTERM; stopped by pid on the way out,
    /// so no nginx or httpd is left behind.</summary>
    private static async Task<int> ServeRealAsync(ArgumentReader options, string name, int defaultPort, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var option in new[] { "--urls", "--defect", "--store", "--cors-origin" })
        {
            if (options.All(option).Count > 0)
            {
                throw new UsageException($"{option} is for the reference server; --server {name} takes only --port");
            }
        }

        if (options.Flag("--require-preconditions"))
        {
            throw new UsageException($"--require-preconditions is for the reference server; --server {name} takes only --port");
        }

        var port = options.WholeNumber("--port") ?? defaultPort;
        if (port is < 1024 or > 65535)
        {
            throw new UsageException($"--port must be between 1024 and 65535, got {port.ToString(CultureInfo.InvariantCulture)}");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        RealServer server;
        try
        {
            server = await RealServer.StartAsync(name, new RealServerOptions { Port = port }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MissingToolException or RealServerStartException)
        {
            throw new Targets.TargetUnreachableException(e.Message, e);
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"{server.Version} listening on {server.BaseAddress} (WebDAV under {server.DavPath}, static file {server.StaticFilePath}, pid {server.ProcessId.ToString(CultureInfo.InvariantCulture)}, run folder {server.RunFolder}); Ctrl+C stops it").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (server.IsRunning)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: a normal way to stop.
                return ExitCodes.Conformant;
            }

            throw new Targets.TargetUnreachableException($"{server.Version} exited by itself; its error log:\n{server.ErrorLog}");
        }
    }

    /// <summary><c>--store memory</c> (the default) or <c>--store sqlite:PATH</c>, whose folder must exist.</summary>
    private static StoreChoice ParseStore(string? text)
    {
        if (text is null)
        {
            return StoreChoice.Memory;
        }

        StoreChoice store;
        try
        {
            store = StoreChoice.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--store: {e.Message}");
        }

        if (store.SqlitePath is { } path && Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"--store: the folder '{folder}' of '{text}' does not exist");
        }

        return store;
    }
}
