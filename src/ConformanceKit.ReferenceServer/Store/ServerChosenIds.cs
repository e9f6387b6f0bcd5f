namespace ConformanceKit.ReferenceServer.Store;

/// <summary>POST's create for any store: a write to a new random id that declines when the id is taken
/// (then it tries another). The flag is set on every run of the decision, so a re-run decision wins.</summary>
internal static class ServerChosenIds
{
    public static WriteResult Create(IDocumentStore store, Func<WritePlan> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        while (true)
        {
            var id = Guid.NewGuid().ToString("N");
            var taken = false;
            var result = store.Write(id, current =>
            {
                taken = current is not null;
                return taken ? WritePlan.Nothing : decide();
            });
            if (!taken)
            {
                return result;
            }
        }
    }
}
