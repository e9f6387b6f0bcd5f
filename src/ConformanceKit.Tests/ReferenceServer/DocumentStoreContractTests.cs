using System.Text;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Protocol;
using ConformanceKit.ReferenceServer.Store;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>What every <see cref="IDocumentStore"/> does, in memory and in SQLite alike: one winner per
/// compare-and-set, a new entity-tag for every write, dates that never go back, the validator policy and the
/// etag-unchanged-after-write defect.</summary>
public sealed class DocumentStoreContractTests
{
    private static readonly byte[] Json = """{"v":0}"""u8.ToArray();

    public static TheoryData<string> Kinds => TestStore.Kinds;

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Racing_compare_and_set_writes_with_the_same_etag_have_exactly_one_winner(string kind)
    {
        using var test = new TestStore(kind);
        var store = test.Store;
        var seen = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!.Representation.ETag!;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var content = Encoding.UTF8.GetBytes($$"""{"v":{{i + 1}}}""");
            return store.Write("doc", current =>
                current?.Representation.ETag is { } tag && tag.Matches(seen, EntityTagComparison.Strong)
                    ? WritePlan.Put(content, "application/json")
                    : WritePlan.Nothing);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(writers);

        var winner = results.Where(r => r.Applied).ShouldHaveSingleItem();
        store.Get("doc").ShouldBe(winner.After, new DocumentComparer());
        results.Where(r => !r.Applied).ShouldAllBe(r => r.Before != null && r.Before.Generation == winner.After!.Generation);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_write_mints_a_new_strong_etag_even_for_the_same_bytes_after_delete(string kind)
    {
        using var test = new TestStore(kind);
        var store = test.Store;
        var first = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        var second = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        store.Write("doc", _ => WritePlan.Remove).Applied.ShouldBeTrue();
        store.Get("doc").ShouldBeNull();
        var third = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;

        var tags = new[] { first, second, third }.Select(d => d.Representation.ETag!).ToList();
        tags.ShouldAllBe(t => !t.IsWeak);
        tags.Distinct().Count().ShouldBe(3);
        third.Generation.ShouldBeGreaterThan(second.Generation);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Last_modified_is_the_write_time_in_whole_seconds_and_never_goes_back(string kind)
    {
        var time = new WallClock { Now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero) };
        using var test = new TestStore(kind, time);
        var store = test.Store;
        var first = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        first.Representation.LastModified.ShouldBe(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        store.Get("doc")!.Representation.ModifiedAt.ShouldBe(time.Now, "full precision is kept");

        time.Now = time.Now.AddMinutes(-5); // the wall clock stepped back
        var second = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        second.Representation.LastModified.ShouldBe(first.Representation.LastModified);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_declined_write_changes_nothing(string kind)
    {
        using var test = new TestStore(kind);
        var store = test.Store;
        var before = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After;
        var result = store.Write("doc", _ => WritePlan.Nothing);
        result.Applied.ShouldBeFalse();
        result.Before.ShouldBe(before, new DocumentComparer());
        store.Get("doc").ShouldBe(before, new DocumentComparer());
        store.Write("missing", _ => WritePlan.Remove).Applied.ShouldBeFalse();
        store.Get("missing").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Defect_etag_unchanged_after_write_keeps_the_tag_but_not_the_content(string kind)
    {
        using var test = new TestStore(kind, defects: DefectSet.Of(Defects.ETagUnchangedAfterWrite));
        var store = test.Store;
        var first = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        var second = store.Write("doc", _ => WritePlan.Put("""{"v":2}"""u8.ToArray(), "application/json")).After!;
        second.Representation.ETag.ShouldBe(first.Representation.ETag);
        store.Get("doc")!.Representation.ETag.ShouldBe(first.Representation.ETag);
        store.Get("doc")!.Representation.Content.ToArray().ShouldBe("""{"v":2}"""u8.ToArray());
    }

    [Theory]
    [InlineData("memory", "weak-etags")]
    [InlineData("sqlite", "weak-etags")]
    [InlineData("memory", "no-etag")]
    [InlineData("sqlite", "no-etag")]
    [InlineData("memory", "no-last-modified")]
    [InlineData("sqlite", "no-last-modified")]
    public void The_validator_policy_decides_which_validators_are_stored(string kind, string variant)
    {
        using var test = new TestStore(kind, policy: new ValidatorPolicy(VariantSet.Parse([variant])));
        var store = test.Store;
        store.Write("doc", _ => WritePlan.Put(Json, "application/vnd.test+json"));

        var stored = store.Get("doc")!.Representation;
        stored.MediaType.ShouldBe("application/vnd.test+json");
        (stored.ETag is null).ShouldBe(variant == "no-etag");
        (stored.ETag?.IsWeak ?? false).ShouldBe(variant == "weak-etags");
        (stored.ModifiedAt is null).ShouldBe(variant == "no-last-modified");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Create_picks_a_fresh_id(string kind)
    {
        using var test = new TestStore(kind);
        var store = test.Store;
        var a = store.Create(() => WritePlan.Put(Json, "application/json")).After!;
        var b = store.Create(() => WritePlan.Put(Json, "application/json")).After!;
        a.Id.ShouldNotBe(b.Id);
        store.Get(a.Id).ShouldBe(a, new DocumentComparer());
    }

    private sealed class WallClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

/// <summary>Two versions are the same when id, generation, content, media type and validators are.</summary>
internal sealed class DocumentComparer : IEqualityComparer<StoredDocument?>
{
    public bool Equals(StoredDocument? x, StoredDocument? y) =>
        x is null || y is null
            ? x is null && y is null
            : x.Id == y.Id
              && x.Generation == y.Generation
              && x.Representation.Content.Span.SequenceEqual(y.Representation.Content.Span)
              && x.Representation.MediaType == y.Representation.MediaType
              && Equals(x.Representation.ETag, y.Representation.ETag)
              && x.Representation.ModifiedAt == y.Representation.ModifiedAt;

    public int GetHashCode(StoredDocument? obj) => obj?.Generation.GetHashCode() ?? 0;
}
