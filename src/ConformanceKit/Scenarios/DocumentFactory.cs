using System.Text.Json;
using Bogus;

namespace ConformanceKit.Scenarios;

/// <summary>
/// Generates the JSON documents clients write, with Bogus, deterministically: the same run seed, scenario
/// id and document name always give the same bytes, whatever order scenarios run in. Output is ASCII
/// (System.Text.Json escapes the rest), so byte ranges of a document are well defined.
/// </summary>
public sealed class DocumentFactory(int runSeed, string scenarioId)
{
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Making a Faker loads its locale, which costs milliseconds; reseeding one costs nothing, and with a fresh
    // Randomizer its output depends on the seed alone. Used under _gate only (Faker is not thread-safe, and
    // racing clients ask for documents at once).
    private readonly Faker _faker = new("en");

    public string Get(string name)
    {
        lock (_gate)
        {
            if (!_documents.TryGetValue(name, out var document))
            {
                document = Generate(StableSeed.Of(runSeed, scenarioId, "doc", name), name);
                _documents[name] = document;
            }

            return document;
        }
    }

    private string Generate(int seed, string name)
    {
        _faker.Random = new Randomizer(seed);
        var document = new Dictionary<string, object>
        {
            ["title"] = _faker.Commerce.ProductName(),
            ["owner"] = _faker.Name.FullName(),
            ["email"] = _faker.Internet.Email(),
            ["quantity"] = _faker.Random.Int(1, 1000),
            ["tags"] = _faker.Commerce.Categories(3),
            ["note"] = _faker.Lorem.Sentence(8),
            ["edit"] = name,
        };
        return JsonSerializer.Serialize(document);
    }
}
