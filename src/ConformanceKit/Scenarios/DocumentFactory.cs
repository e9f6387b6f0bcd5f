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

    public string Get(string name)
    {
        if (!_documents.TryGetValue(name, out var document))
        {
            document = Generate(StableSeed.Of(runSeed, scenarioId, "doc", name), name);
            _documents[name] = document;
        }

        return document;
    }

    private static string Generate(int seed, string name)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var document = new Dictionary<string, object>
        {
            ["title"] = faker.Commerce.ProductName(),
            ["owner"] = faker.Name.FullName(),
            ["email"] = faker.Internet.Email(),
            ["quantity"] = faker.Random.Int(1, 1000),
            ["tags"] = faker.Commerce.Categories(3),
            ["note"] = faker.Lorem.Sentence(8),
            ["edit"] = name,
        };
        return JsonSerializer.Serialize(document);
    }
}
