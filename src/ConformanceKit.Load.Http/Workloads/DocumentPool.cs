using System.Text;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Load.Http;

/// <summary>
/// Bogus-generated JSON documents (<see cref="DocumentFactory"/>, from the run's seed) made once before the load, as
/// UTF-8, for writers to embed in what they write: generating a document per write would cost more than the write,
/// and the factory keeps every document it made. Each write is still unique (see <see cref="WriteBody"/>).
/// </summary>
internal sealed class DocumentPool
{
    public const int Size = 64;

    private readonly byte[][] documents;

    public DocumentPool(int seed, string workload)
    {
        var factory = new DocumentFactory(seed, "load/" + workload);
        documents = [.. Enumerable.Range(0, Size).Select(i => Encoding.UTF8.GetBytes(factory.Get("doc-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];
    }

    public ReadOnlySpan<byte> this[long index] => documents[(int)(index % documents.Length)];

    /// <summary>A whole document as text, e.g. the initial content of a resource.</summary>
    public string Text(int index) => Encoding.UTF8.GetString(this[index]);
}
