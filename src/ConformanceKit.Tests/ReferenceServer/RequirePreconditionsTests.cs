using System.Net;
using ConformanceKit.Http;
using static ConformanceKit.Tests.ReferenceServer.Exchange;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>RFC 6585 section 3: with <c>RequirePreconditions</c>, unconditional writes are refused with 428.</summary>
public sealed class RequirePreconditionsTests(RequirePreconditionsFixture fixture) : IClassFixture<RequirePreconditionsFixture>
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Unconditional_put_is_428_with_an_explanation_and_creates_nothing()
    {
        var path = NewPath();
        using var response = await PutAsync(client, path, "{}");
        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain("If-Match");
        problem.ShouldContain("If-None-Match: *");

        using var read = await GetAsync(client, path);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Conditional_writes_go_through()
    {
        var path = NewPath();
        using var created = await PutAsync(client, path, """{"n":1}""", ("If-None-Match", "*"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var etag = ETag(created);

        using var replaced = await PutAsync(client, path, """{"n":2}""", ("If-Match", etag));
        replaced.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var date = HttpDate.Format(fixture.Time.GetUtcNow());
        using var patched = await SendAsync(client, HttpMethod.Patch, path, """{"n":3}""", "application/merge-patch+json", ("If-Unmodified-Since", date));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var deleted = await SendAsync(client, HttpMethod.Delete, path, headers: ("If-Match", ETag(patched)));
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Unconditional_patch_and_delete_are_428_and_post_and_get_are_not_affected()
    {
        using var posted = await SendAsync(client, HttpMethod.Post, "/items", "{}");
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = Header(posted, "Location")!;

        using var read = await GetAsync(client, location);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var patch = await SendAsync(client, HttpMethod.Patch, location, """{"n":1}""", "application/merge-patch+json");
        patch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);

        using var delete = await SendAsync(client, HttpMethod.Delete, location);
        delete.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);

        // An If-Unmodified-Since that is not a date is ignored, so it does not make the write conditional.
        using var invalidDate = await SendAsync(client, HttpMethod.Delete, location, headers: ("If-Unmodified-Since", "soon"));
        invalidDate.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Missing_documents_are_404_before_any_precondition_is_required()
    {
        using var delete = await SendAsync(client, HttpMethod.Delete, NewPath());
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
