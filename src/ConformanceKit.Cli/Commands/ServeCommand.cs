using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit serve</c>: the reference server standalone, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new ArgumentReader("serve", args, ["--urls", "--defect"], ["--require-preconditions"]);
        DefectSet defects;
        try
        {
            defects = DefectSet.Parse(options.All("--defect"));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter", 2)[0]);
        }

        var serverOptions = new ReferenceServerOptions
        {
            Urls = options.Value("--urls") ?? "http://127.0.0.1:5080",
            RequirePreconditions = options.Flag("--require-preconditions"),
            Defects = defects,
        };
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(serverOptions, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"reference server listening on {server.BaseAddress} (documents under {serverOptions.CollectionPath}/, defects: {defects}); Ctrl+C stops it").ConfigureAwait(false);
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
}
