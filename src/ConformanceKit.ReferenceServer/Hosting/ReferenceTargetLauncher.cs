using ConformanceKit.Json;
using ConformanceKit.Targets;

namespace ConformanceKit.ReferenceServer.Hosting;

/// <summary>Starts the in-box server for a <c>kind: reference</c> target: on a free loopback port, with the
/// target's defect modes, its <c>requirePreconditions</c> capability and its store (in memory, or a fresh
/// temporary SQLite file deleted when the server stops), and with the legal <paramref name="variants"/> this
/// launcher was made with (none by default; targets.json does not name them). Scripts of every origin may use it
/// (CORS) unless the target's <c>capabilities.cors</c> is false.</summary>
public sealed class ReferenceTargetLauncher(VariantSet? variants = null) : IReferenceLauncher
{
    /// <summary>The target's defect modes; a name that is not one is a <see cref="ConfigurationException"/> at its
    /// place in the target's file (<c>$.targets.NAME.defects[i]</c>, with its line).</summary>
    public static DefectSet DefectsOf(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < target.Defects.Count; i++)
        {
            try
            {
                DefectSet.Parse([target.Defects[i]]);
            }
            catch (ArgumentException e)
            {
                throw JsonFile.ErrorAt(target.SourceFile, $"$.targets.{target.Name}.defects[{i}]", e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        return DefectSet.Parse(target.Defects);
    }

    public async Task<LaunchedServer> StartAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var defects = DefectsOf(target);
        var file = target.Store == ReferenceStore.Sqlite ? new TemporarySqliteFile() : null;
        try
        {
            var server = await ReferenceServer.StartAsync(
                new ReferenceServerOptions
                {
                    Urls = "http://127.0.0.1:0",
                    RequirePreconditions = target.Capabilities.RequirePreconditions,
                    CorsOrigins = target.Capabilities.Cors ? [Cors.CrossOriginPolicy.AnyOrigin] : [],
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
