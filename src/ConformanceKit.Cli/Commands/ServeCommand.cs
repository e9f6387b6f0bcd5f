using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit serve</c>: the reference server standalone, until Ctrl+C. Its first output line
/// says where it listens (<c>reference server listening on http://...</c>), so a script can read the port.</summary>
public static class ServeCommand
{
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new ArgumentReader("serve", args, ["--urls", "--defect", "--store"], ["--require-preconditions"]);
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
        var serverOptions = new ReferenceServerOptions
        {
            Urls = options.Value("--urls") ?? "http://127.0.0.1:5080",
            RequirePreconditions = options.Flag("--require-preconditions"),
            Defects = defects,
            Store = store,
        };
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(serverOptions, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"reference server listening on {server.BaseAddress} (documents under {serverOptions.CollectionPath}/, store: {store}, defects: {defects}); Ctrl+C stops it").ConfigureAwait(false);
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
