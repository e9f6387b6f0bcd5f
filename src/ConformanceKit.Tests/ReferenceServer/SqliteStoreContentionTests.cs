using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ConformanceKit.ReferenceServer.Store;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>
/// The SQLite store's compare-and-set under contention: many writers on one document, each write applied
/// only to the version it was decided on. The interleavings vary from run to run; what is asserted holds for
/// every one of them (no timing is asserted).
/// </summary>
public sealed class SqliteStoreContentionTests(ITestOutputHelper output)
{
    private const int Writers = 16;
    private const int IncrementsPerWriter = 40;

    [Fact]
    public async Task Sixteen_writers_incrementing_one_counter_with_conditional_writes_lose_no_update()
    {
        using var file = new SqliteStoreFile();
        using var store = file.Open();
        store.Write("counter", _ => WritePlan.Put(Counter(0), "application/json")).Applied.ShouldBeTrue();
        var applied = new ConcurrentBag<WriteResult>();
        var decisions = 0;
        var declined = 0;
        using var start = new ManualResetEventSlim();

        // Each writer does what an HTTP client with If-Match does: read, then write conditionally on the version
        // it read, and start over when that version is gone.
        // Each on a thread of its own, so all sixteen really are in the store at once.
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.Wait();
            for (var done = 0; done < IncrementsPerWriter;)
            {
                var seen = store.Get("counter")!;
                var result = store.Write("counter", current =>
                {
                    Interlocked.Increment(ref decisions);
                    return current is not null && current.Generation == seen.Generation
                        ? WritePlan.Put(Counter(ValueOf(current) + 1), "application/json")
                        : WritePlan.Nothing;
                });
                if (result.Applied)
                {
                    applied.Add(result);
                    done++;
                }
                else
                {
                    Interlocked.Increment(ref declined);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        start.Set();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));

        const int total = Writers * IncrementsPerWriter;
        output.WriteLine($"{total} increments applied; {declined} writes declined (stale version); {decisions} decisions in all");
        applied.Count.ShouldBe(total);
        ValueOf(store.Get("counter")!).ShouldBe(total, "every applied increment built on the one before: no lost update");

        // The applied writes form one chain: each replaced exactly the version the previous one made, and in that
        // order the counter goes up by one and the generation strictly increases.
        var chain = applied.OrderBy(r => ValueOf(r.After!)).ToList();
        chain.Select(r => ValueOf(r.After!)).ShouldBe(Enumerable.Range(1, total));
        for (var i = 1; i < chain.Count; i++)
        {
            chain[i].Before!.Generation.ShouldBe(chain[i - 1].After!.Generation);
            chain[i].After!.Generation.ShouldBeGreaterThan(chain[i - 1].After!.Generation);
        }

        chain.Select(r => r.After!.Representation.ETag!.ToString()).Distinct().Count().ShouldBe(total, "no entity-tag is minted twice");
    }

    [Fact]
    public void A_write_that_loses_between_its_read_and_its_update_decides_again_on_the_new_version()
    {
        using var file = new SqliteStoreFile();
        using var store = file.Open();
        store.Write("doc", _ => WritePlan.Put(Counter(0), "application/json"));
        var seenByDecisions = new List<int>();
        WriteResult? competitor = null;

        var result = store.Write("doc", current =>
        {
            seenByDecisions.Add(ValueOf(current!));
            if (competitor is null)
            {
                // Another writer gets in after this write read the document and before it applies its plan.
                competitor = store.Write("doc", _ => WritePlan.Put(Counter(100), "application/json"));
            }

            return WritePlan.Put(Counter(ValueOf(current!) + 1), "application/json");
        });

        competitor!.Applied.ShouldBeTrue();
        seenByDecisions.ShouldBe([0, 100], "the first plan was made on a version that was gone; the store decided again");
        result.Applied.ShouldBeTrue();
        result.Before!.Generation.ShouldBe(competitor.After!.Generation);
        ValueOf(store.Get("doc")!).ShouldBe(101);
        store.Get("doc")!.Generation.ShouldBeGreaterThan(competitor.After.Generation);
    }

    [Fact]
    public void A_delete_that_loses_decides_again_and_a_create_that_loses_sees_the_new_document()
    {
        using var file = new SqliteStoreFile();
        using var store = file.Open();
        store.Write("doc", _ => WritePlan.Put(Counter(0), "application/json"));
        var deleteRuns = 0;
        var deleted = store.Write("doc", current =>
        {
            if (deleteRuns++ == 0)
            {
                store.Write("doc", _ => WritePlan.Put(Counter(7), "application/json")).Applied.ShouldBeTrue();
            }

            return ValueOf(current!) == 7 ? WritePlan.Remove : WritePlan.Put(Counter(-1), "application/json");
        });
        deleteRuns.ShouldBe(2);
        deleted.Applied.ShouldBeTrue();
        deleted.After.ShouldBeNull();
        store.Get("doc").ShouldBeNull();

        var createRuns = new List<bool>();
        var created = store.Write("new", current =>
        {
            createRuns.Add(current is null);
            if (createRuns.Count == 1)
            {
                store.Write("new", _ => WritePlan.Put(Counter(1), "application/json")).Applied.ShouldBeTrue();
            }

            return current is null ? WritePlan.Put(Counter(2), "application/json") : WritePlan.Nothing; // If-None-Match: *
        });
        createRuns.ShouldBe([true, false]);
        created.Applied.ShouldBeFalse();
        ValueOf(store.Get("new")!).ShouldBe(1);
    }

    private static byte[] Counter(int value) => Encoding.UTF8.GetBytes($$"""{"counter":{{value}}}""");

    private static int ValueOf(StoredDocument document)
    {
        using var json = JsonDocument.Parse(document.Representation.Content);
        return json.RootElement.GetProperty("counter").GetInt32();
    }
}
