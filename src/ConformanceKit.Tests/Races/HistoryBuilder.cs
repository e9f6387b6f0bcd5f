using ConformanceKit.Http;
using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>
/// Hand-built histories for checker tests: times in milliseconds, entity-tags as opaque text ("5" is the
/// strong tag "5"; "W/5" the weak one), contents as short strings. Sequence numbers count per client.
/// </summary>
internal sealed class HistoryBuilder(int seed = 7, string label = "hand-built history")
{
    private readonly List<Operation> operations = [];
    private readonly Dictionary<string, int> sequences = new(StringComparer.Ordinal);
    private ResourceState? initial;

    public HistoryBuilder Initially(string etag, string content)
    {
        initial = new ResourceState(Tag(etag), ContentDigest.Of(content));
        return this;
    }

    public Operation Read(string client, double from, double to, int? status, string? etag, string? content) =>
        Add(Operation.Read(client, Next(client), Window(from, to), status, Tag(etag), content is null ? null : ContentDigest.Of(content)));

    public Operation Write(string client, double from, double to, string? ifMatch, string content, int? status, string? etag = null) =>
        Add(Operation.Write(client, Next(client), Window(from, to), Tag(ifMatch), ContentDigest.Of(content), status, Tag(etag)));

    /// <summary>The history with a final read after every operation has ended.</summary>
    public History Final(int? status, string? etag, string? content)
    {
        var after = operations.Count == 0 ? 0 : operations.Max(o => o.End.TotalMilliseconds);
        var final = Operation.Read("final", 1, Window(after + 1, after + 2), status, Tag(etag), content is null ? null : ContentDigest.Of(content));
        return History.Of(seed, label, initial, operations, final);
    }

    public History WithoutFinal() => History.Of(seed, label, initial, operations, null);

    public static EntityTag? Tag(string? text) => text switch
    {
        null => null,
        _ when text.StartsWith("W/", StringComparison.Ordinal) => EntityTag.Weak(text[2..]),
        _ => EntityTag.Strong(text),
    };

    private static Interval Window(double from, double to) => new(TimeSpan.FromMilliseconds(from), TimeSpan.FromMilliseconds(to));

    private int Next(string client) => sequences[client] = sequences.GetValueOrDefault(client) + 1;

    private Operation Add(Operation operation)
    {
        operations.Add(operation);
        return operation;
    }
}
