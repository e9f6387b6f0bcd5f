using ConformanceKit.Targets;

namespace ConformanceKit.ReferenceServer.Hosting;

/// <summary>Starts the in-box server for a <c>kind: reference</c> target: on a free loopback port, with the
/// target's defect modes, its <c>requirePreconditions</c> capability and its store (in memory, or a fresh
/// temporary SQLite file deleted when the server stops), and with the legal <paramref name="variants"/> this
/// launcher was made with (none by default; targets.json does not name them).</summary>
public sealed class ReferenceTargetLauncher(VariantSet? variants = null) : IReferenceLauncher
{
    public async Task<LaunchedServer> StartAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        DefectSet defects;
        try
        {
            defects = DefectSet.Parse(target.Defects);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(target.SourceFile, $"$.targets.{target.Name}.defects", e.Message.Split(" (Parameter", 2)[0]);
        }

        var file = target.Store == ReferenceStore.Sqlite ? new TemporarySqliteFile() : null;
        try
        {
            var server = await ReferenceServer.StartAsync(
                new ReferenceServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    RequirePreconditions = target.Capabilities.RequirePreconditions,
                    Defects = defects,
                    Variants = variants ?? VariantSet.None,
                    Store = file is null ? StoreChoice.Memory : StoreChoice.Sqlite(file.Path),
                },
                cancellationToken).ConfigureAwait(false);
            return new LaunchedServer(server.BaseAddress, file is null ? server : new ServerWithTemporaryStore(server, file));
        }
        catch
        {
            file?.Delete();
            throw;
        }
    }
}
