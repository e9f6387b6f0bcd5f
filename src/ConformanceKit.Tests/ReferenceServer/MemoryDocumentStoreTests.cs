using ConformanceKit.Http;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Store;

namespace ConformanceKit.Tests.ReferenceServer;

public sealed class MemoryDocumentStoreTests
{
    private static readonly byte[] Json = """{"v":0}"""u8.ToArray();

    [Fact]
    public async Task Racing_compare_and_set_writes_with_the_same_etag_have_exactly_one_winner()
    {
        var store = new MemoryDocumentStore(TimeProvider.System, DefectSet.None);
        var seen = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!.Representation.ETag!;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writers = Enumerable.Range(0, 32).Select(async i =>
        {
            await start.Task;
            var content = System.Text.Encoding.UTF8.GetBytes($$"""{"v":{{i + 1}}}""");
            return store.Write("doc", current =>
                current?.Representation.ETag is { } tag && tag.Matches(seen, EntityTagComparison.Strong)
                    ? WritePlan.Put(content, "application/json")
                    : WritePlan.Nothing);
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(writers);

        results.Count(r => r.Applied).ShouldBe(1);
        var winner = results.Single(r => r.Applied);
        store.Get("doc").ShouldBeSameAs(winner.After);
        results.Where(r => !r.Applied).ShouldAllBe(r => r.Before == winner.After);
    }

    [Fact]
    public void Every_write_mints_a_new_strong_etag_even_for_the_same_bytes_after_delete()
    {
        var store = new MemoryDocumentStore(TimeProvider.System, DefectSet.None);
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

    [Fact]
    public void Last_modified_is_the_write_time_in_whole_seconds_and_never_goes_back()
    {
        var time = new WallClock { Now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero) };
        var store = new MemoryDocumentStore(time, DefectSet.None);
        var first = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        first.Representation.LastModified.ShouldBe(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

        time.Now = time.Now.AddMinutes(-5); // the wall clock stepped back (FakeTimeProvider cannot)
        var second = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        second.Representation.LastModified.ShouldBe(first.Representation.LastModified);
    }

    [Fact]
    public void A_declined_write_changes_nothing()
    {
        var store = new MemoryDocumentStore(TimeProvider.System, DefectSet.None);
        var before = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After;
        var result = store.Write("doc", _ => WritePlan.Nothing);
        result.Applied.ShouldBeFalse();
        store.Get("doc").ShouldBeSameAs(before);
        store.Write("missing", _ => WritePlan.Remove).Applied.ShouldBeFalse();
    }

    [Fact]
    public void Defect_etag_unchanged_after_write_keeps_the_tag_but_not_the_content()
    {
        var store = new MemoryDocumentStore(TimeProvider.System, DefectSet.Of(Defects.ETagUnchangedAfterWrite));
        var first = store.Write("doc", _ => WritePlan.Put(Json, "application/json")).After!;
        var second = store.Write("doc", _ => WritePlan.Put("""{"v":2}"""u8.ToArray(), "application/json")).After!;
        second.Representation.ETag.ShouldBe(first.Representation.ETag);
        second.Representation.Content.ToArray().ShouldNotBe(first.Representation.Content.ToArray());
    }

    [Fact]
    public void Create_picks_a_fresh_id()
    {
        var store = new MemoryDocumentStore(TimeProvider.System, DefectSet.None);
        var a = store.Create(() => WritePlan.Put(Json, "application/json")).After!;
        var b = store.Create(() => WritePlan.Put(Json, "application/json")).After!;
        a.Id.ShouldNotBe(b.Id);
        store.Get(a.Id).ShouldBeSameAs(a);
    }

    private sealed class WallClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
