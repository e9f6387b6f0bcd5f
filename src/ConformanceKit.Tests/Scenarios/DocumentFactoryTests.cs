using System.Text.Json;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>Generated documents: valid JSON, pure ASCII (so byte ranges are character ranges) and the same
/// for the same seed, scenario and name.</summary>
public sealed class DocumentFactoryTests
{
    public static TheoryData<int, string> Seeds { get; } = new()
    {
        { 0, "a" },
        { 1, "initial" },
        { -7, "b" },
        { int.MaxValue, "initial" },
        { int.MinValue, "zz" },
    };

    [Fact]
    public void Documents_are_valid_json_objects_and_pure_ascii_for_many_seeds()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var document = new DocumentFactory(seed, $"scenario-{seed % 7}").Get(seed % 2 == 0 ? "initial" : "a");

            document.All(char.IsAscii).ShouldBeTrue($"seed {seed}: {document}");
            using var parsed = JsonDocument.Parse(document);
            parsed.RootElement.ValueKind.ShouldBe(JsonValueKind.Object, $"seed {seed}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_document_names_its_edit_and_has_the_expected_fields(int seed, string name)
    {
        var document = new DocumentFactory(seed, "fields").Get(name);

        using var parsed = JsonDocument.Parse(document);
        parsed.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["title", "owner", "email", "quantity", "tags", "note", "edit"]);
        parsed.RootElement.GetProperty("edit").GetString().ShouldBe(name);
        parsed.RootElement.GetProperty("quantity").GetInt32().ShouldBeInRange(1, 1000);
        parsed.RootElement.GetProperty("tags").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public void The_same_inputs_give_the_same_document_from_separate_factories()
    {
        var first = new DocumentFactory(99, "repeatable");
        var second = new DocumentFactory(99, "repeatable");
        _ = second.Get("other");   // asking in a different order must not change anything

        second.Get("a").ShouldBe(first.Get("a"));
        second.Get("b").ShouldBe(first.Get("b"));
        first.Get("a").ShouldNotBe(first.Get("b"));
    }

    /// <summary>The factory reuses one Faker, reseeded per document (making one costs milliseconds): the bytes
    /// must be those a brand-new Faker with the same seed gives, whatever the factory generated before.</summary>
    [Fact]
    public void A_reused_faker_gives_the_bytes_a_fresh_one_gives()
    {
        var factory = new DocumentFactory(5, "reuse");
        for (var i = 0; i < 50; i++)
        {
            var name = $"doc-{i}";
            var fresh = new Bogus.Faker("en") { Random = new Bogus.Randomizer(StableSeed.Of(5, "reuse", "doc", name)) };
            var expected = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["title"] = fresh.Commerce.ProductName(),
                ["owner"] = fresh.Name.FullName(),
                ["email"] = fresh.Internet.Email(),
                ["quantity"] = fresh.Random.Int(1, 1000),
                ["tags"] = fresh.Commerce.Categories(3),
                ["note"] = fresh.Lorem.Sentence(8),
                ["edit"] = name,
            });

            factory.Get(name).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Clients_may_ask_for_documents_at_once()
    {
        var factory = new DocumentFactory(8, "concurrent");
        var names = Enumerable.Range(0, 400).Select(i => $"n{i % 40}").ToList();

        var documents = await Task.WhenAll(names.Select(n => Task.Run(() => (n, factory.Get(n)))));

        foreach (var (name, document) in documents)
        {
            document.ShouldBe(new DocumentFactory(8, "concurrent").Get(name));
        }
    }
}
