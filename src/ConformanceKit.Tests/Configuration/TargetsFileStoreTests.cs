using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Configuration;

/// <summary>The <c>"store"</c> field of a reference target: <c>"memory"</c> (the default) or <c>"sqlite"</c>;
/// anything else is refused with the file, the JSON path and the reason.</summary>
public sealed class TargetsFileStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("""{ "kind": "reference" }""", ReferenceStore.Memory)]
    [InlineData("""{ "kind": "reference", "store": "memory" }""", ReferenceStore.Memory)]
    [InlineData("""{ "kind": "reference", "store": "sqlite", "defects": ["weak-etags"] }""", ReferenceStore.Sqlite)]
    public void A_reference_target_names_its_store(string target, ReferenceStore expected)
    {
        var file = _folder.Write("targets.json", $$"""{ "targets": { "ref": {{target}} } }""");

        TargetsFile.Load(file, "ref", _ => null).Store.ShouldBe(expected);
    }

    [Fact]
    public void The_repository_reference_sqlite_target_uses_the_sqlite_store()
    {
        var target = TargetsFile.Load(RepositoryPaths.TargetsFile, "reference-sqlite", _ => null);

        target.Kind.ShouldBe(TargetKind.Reference);
        target.Store.ShouldBe(ReferenceStore.Sqlite);
        target.Defects.ShouldBeEmpty();
        TargetsFile.Load(RepositoryPaths.TargetsFile, "reference", _ => null).Store.ShouldBe(ReferenceStore.Memory);
    }

    /// <summary>Case label, the target's JSON, part of the expected reason.</summary>
    public static TheoryData<string, string, string> BadStores { get; } = new()
    {
        {
            "unknown store",
            """{ "kind": "reference", "store": "postgres" }""",
            "unknown store 'postgres' (use \"memory\", the default, or \"sqlite\""
        },
        {
            "wrong case",
            """{ "kind": "reference", "store": "SQLite" }""",
            "unknown store 'SQLite'"
        },
        {
            "a file path",
            """{ "kind": "reference", "store": "sqlite:/tmp/ck.db" }""",
            "'sqlite:/tmp/ck.db' names a file, but a reference target's SQLite store is a fresh temporary file per run"
        },
        {
            "not a string",
            """{ "kind": "reference", "store": true }""",
            "must be \"memory\" or \"sqlite\", found"
        },
        {
            "on a remote target",
            """{ "baseUrl": "http://127.0.0.1:8080", "resource": { "path": "/items/{id}" }, "store": "sqlite" }""",
            "a store is chosen only for the in-box server (kind \"reference\")"
        },
    };

    [Theory]
    [MemberData(nameof(BadStores))]
    public void A_bad_store_is_refused_with_file_path_and_reason(string label, string target, string reason)
    {
        var file = _folder.Write("targets.json", $$"""{ "targets": { "ref": {{target}} } }""");

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "ref", _ => null), label);

        error.File.ShouldBe(file, label);
        error.JsonPath.ShouldBe("$.targets.ref.store", label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
        error.Message.ShouldStartWith($"{file}:1:{error.Position.ShouldNotBeNull().Column}: $.targets.ref.store: ", Case.Sensitive, label);
    }

    [Fact]
    public void A_bad_store_in_another_target_is_refused_too()
    {
        var file = _folder.Write("targets.json", """
            { "targets": { "ref": { "kind": "reference" }, "broken": { "kind": "reference", "store": "disk" } } }
            """);

        var error = Should.Throw<ConfigurationException>(() => TargetsFile.Load(file, "ref", _ => null));

        error.JsonPath.ShouldBe("$.targets.broken.store");
    }

    public void Dispose() => _folder.Dispose();
}
