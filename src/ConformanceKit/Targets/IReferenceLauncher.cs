namespace ConformanceKit.Targets;

/// <summary>Starts the in-box reference server for a <see cref="TargetKind.Reference"/> target. Implemented by
/// the ReferenceServer project, so the core needs no web server.</summary>
public interface IReferenceLauncher
{
    Task<LaunchedServer> StartAsync(TargetDefinition target, CancellationToken cancellationToken);
}

/// <summary>A running server and the handle that stops it.</summary>
public sealed record LaunchedServer(Uri BaseAddress, IAsyncDisposable Handle);
