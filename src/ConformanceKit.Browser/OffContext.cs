namespace ConformanceKit.Browser;

/// <summary>
/// Runs browser work on the thread pool, away from any SynchronizationContext the caller has (a test runner's, a UI's),
/// so that no await inside Playwright waits for a thread of a context that other work keeps busy (xunit's allows as
/// many threads as cores). Added after the first navigations of a test fixture, beside the rest of the suite on a clean
/// clone, exceeded their 30 s bound; that the context was the cause is likely, not proven. Every public entry point of
/// this project goes through here.
/// </summary>
internal static class OffContext
{
    public static Task<T> Run<T>(Func<Task<T>> work, CancellationToken cancellationToken) => Task.Run(work, cancellationToken);

    public static Task Run(Func<Task> work, CancellationToken cancellationToken) => Task.Run(work, cancellationToken);
}
