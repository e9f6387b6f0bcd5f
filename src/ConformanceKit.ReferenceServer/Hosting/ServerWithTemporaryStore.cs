namespace ConformanceKit.ReferenceServer.Hosting;

/// <summary>A launched server whose store lives in a temporary file: stopping it deletes the file.</summary>
internal sealed class ServerWithTemporaryStore(ReferenceServer server, TemporarySqliteFile file) : IAsyncDisposable
{
    /// <summary>The store's file (for tests that check it is gone afterwards).</summary>
    public string StorePath => file.Path;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            file.Delete();
        }
    }
}
