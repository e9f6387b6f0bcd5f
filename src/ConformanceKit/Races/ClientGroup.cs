using System.Globalization;
using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// The clients of one block: <c>c01</c>, <c>c02</c>, ... each with its own connection, and an observer that
/// makes the reads before and after (its reads are the initial and final states, not part of the race).
/// </summary>
internal sealed class ClientGroup : IDisposable
{
    public const string ObserverName = "observer";

    private ClientGroup(IReadOnlyList<RecordingClient> clients, RecordingClient observer)
    {
        Clients = clients;
        Observer = observer;
        ByName = clients.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<RecordingClient> Clients { get; }

    public IReadOnlyDictionary<string, RecordingClient> ByName { get; }

    public RecordingClient Observer { get; }

    public IReadOnlyList<string> Names => Clients.Select(c => c.Name).ToList();

    public static ClientGroup Open(TargetSession session, int count, TimeSpan requestTimeout, MonotonicClock clock, Uri url)
    {
        var width = Math.Max(2, count.ToString(CultureInfo.InvariantCulture).Length);
        var clients = Enumerable.Range(1, count)
            .Select(i => new RecordingClient(session, "c" + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), requestTimeout, clock, url))
            .ToList();
        return new ClientGroup(clients, new RecordingClient(session, ObserverName, requestTimeout, clock, url));
    }

    public void Dispose()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        Observer.Dispose();
    }
}
