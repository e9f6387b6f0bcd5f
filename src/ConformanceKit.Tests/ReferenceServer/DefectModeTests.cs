using System.Net;
using ConformanceKit.ReferenceServer;
using Microsoft.Extensions.Time.Testing;
using static ConformanceKit.Tests.ReferenceServer.Exchange;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>Each defect mode visibly breaks its one rule; the same exchange against a server without defects
/// is checked in <see cref="ConditionalRequestTests"/>.</summary>
public sealed class DefectModeTests
{
    private const string Stale = "\"0-stale\"";

    [Fact]
    public async Task Write_preconditions_ignored_applies_writes_whose_preconditions_are_false()
    {
        await using var server = await Serve(Defects.WritePreconditionsIgnored);
        var path = NewPath();
        await CreateAsync(server.Client, path);

        using var ifMatch = await PutAsync(server.Client, path, """{"n":2}""", ("If-Match", Stale));
        ifMatch.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var ifNoneMatch = await PutAsync(server.Client, path, """{"n":3}""", ("If-None-Match", "*"));
        ifNoneMatch.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var ifUnmodifiedSince = await PutAsync(server.Client, path, """{"n":4}""", ("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"));
        ifUnmodifiedSince.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // Reads are not affected.
        using var get = await GetAsync(server.Client, path, ("If-Match", Stale));
        get.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task If_match_weak_comparison_lets_a_weak_tag_match()
    {
        await using var server = await Serve(Defects.IfMatchWeakComparison);
        var path = NewPath();
        var etag = await CreateAsync(server.Client, path);
        using var response = await PutAsync(server.Client, path, """{"n":2}""", ("If-Match", Weak(etag)));
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Not_modified_without_etag_drops_the_etag_from_304()
    {
        await using var server = await Serve(Defects.NotModifiedWithoutETag);
        var path = NewPath();
        var etag = await CreateAsync(server.Client, path);
        using var response = await GetAsync(server.Client, path, ("If-None-Match", etag));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        Header(response, "ETag").ShouldBeNull();
    }

    [Fact]
    public async Task Not_modified_with_representation_metadata_sends_content_type_on_304()
    {
        await using var server = await Serve(Defects.NotModifiedWithRepresentationMetadata);
        var path = NewPath();
        var etag = await CreateAsync(server.Client, path);
        using var response = await GetAsync(server.Client, path, ("If-None-Match", etag));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        Header(response, "Content-Type").ShouldBe("application/json");
        Header(response, "Last-Modified").ShouldNotBeNull();
        ETag(response).ShouldBe(etag);
    }

    [Fact]
    public async Task Etag_unchanged_after_write_serves_new_content_under_the_old_tag()
    {
        await using var server = await Serve(Defects.ETagUnchangedAfterWrite);
        var path = NewPath();
        var etag = await CreateAsync(server.Client, path);
        using var replaced = await PutAsync(server.Client, path, """{"n":2}""", ("If-Match", etag));
        replaced.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        ETag(replaced).ShouldBe(etag);

        using var read = await GetAsync(server.Client, path);
        ETag(read).ShouldBe(etag);
        (await read.Content.ReadAsStringAsync()).ShouldBe("""{"n":2}""");
    }

    [Fact]
    public async Task If_none_match_ignored_on_get_never_answers_304_for_it()
    {
        await using var server = await Serve(Defects.IfNoneMatchIgnoredOnGet);
        var path = NewPath();
        var etag = await CreateAsync(server.Client, path);
        using var response = await GetAsync(server.Client, path, ("If-None-Match", etag));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        // Writes still honour it.
        using var put = await PutAsync(server.Client, path, "{}", ("If-None-Match", "*"));
        put.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Non_atomic_write_lets_racing_if_match_writes_both_succeed()
    {
        await using var server = await Serve(Defects.NonAtomicWrite);

        // Open the connections first so that the racing requests arrive together.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            using var warm = await GetAsync(server.Client, "/health");
        }));

        var winners = 0;
        for (var round = 0; round < 5 && winners < 2; round++)
        {
            var path = NewPath();
            var etag = await CreateAsync(server.Client, path);
            var statuses = await Task.WhenAll(Enumerable.Range(0, 32).Select(async i =>
            {
                using var response = await PutAsync(server.Client, path, $$"""{"writer":{{i}}}""", ("If-Match", etag));
                return response.StatusCode;
            }));
            winners = statuses.Count(s => s == HttpStatusCode.NoContent);
        }

        winners.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Start_rejects_a_collection_path_that_hides_other_resources()
    {
        await Should.ThrowAsync<ArgumentException>(() => ServerHost.StartAsync(new ReferenceServerOptions { CollectionPath = "/" }));
    }

    [Fact]
    public async Task Several_servers_run_side_by_side_with_separate_stores_and_a_custom_collection()
    {
        await using var one = await Serve(Defects.NonAtomicWrite);
        await using var other = new Running(await ServerHost.StartAsync(new ReferenceServerOptions { CollectionPath = "/docs/" }));
        one.Server.BaseAddress.ShouldNotBe(other.Server.BaseAddress);
        other.Server.BaseAddress.Host.ShouldBe("127.0.0.1");
        other.Server.BaseAddress.AbsolutePath.ShouldBe("/");

        await CreateAsync(one.Client, "/items/shared");
        using var elsewhere = await GetAsync(other.Client, "/items/shared");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var posted = await SendAsync(other.Client, HttpMethod.Post, "/docs", "{}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        Header(posted, "Location")!.ShouldStartWith("/docs/");
    }

    private static async Task<Running> Serve(Defect defect) =>
        new(await ServerHost.StartAsync(new ReferenceServerOptions
        {
            Defects = DefectSet.Of(defect),
            TimeProvider = new FakeTimeProvider(ServerFixture.Epoch),
        }));

    private sealed class Running(ServerHost server) : IAsyncDisposable
    {
        public ServerHost Server { get; } = server;

        public HttpClient Client { get; } = new() { BaseAddress = server.BaseAddress };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
