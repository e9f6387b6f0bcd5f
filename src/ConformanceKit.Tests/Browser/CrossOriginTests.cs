using System.Net;
using ConformanceKit.ReferenceServer;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.Browser;

/// <summary>The reference server's CORS (the Fetch standard's protocol) at the HTTP level: preflights, the fields on
/// every answer to an allowed origin, nothing for other requests, its origins option, and the two CORS defects.</summary>
public sealed class CrossOriginTests
{
    private const string Page = "http://127.0.0.1:5090";

    [Fact]
    public async Task A_preflight_allows_the_conditional_headers_and_methods()
    {
        await using var server = await ServerHost.StartAsync(new ReferenceServerOptions());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await SendAsync(client, HttpMethod.Options, "/items/x", ("Origin", Page), ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "if-match,content-type"));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Field(response, "Access-Control-Allow-Origin").ShouldBe("*");
        Field(response, "Access-Control-Allow-Methods").ShouldBe("GET, HEAD, PUT, PATCH, DELETE, POST");
        Field(response, "Access-Control-Allow-Headers").ShouldBe("Content-Type, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range, Range");
        Field(response, "Access-Control-Max-Age").ShouldBe("600");
    }

    [Fact]
    public async Task Every_answer_to_an_allowed_origin_exposes_etag_304_and_412_included()
    {
        await using var server = await ServerHost.StartAsync(new ReferenceServerOptions());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var path = $"/items/cors-{Guid.NewGuid():N}";
        using var created = await SendAsync(client, HttpMethod.Put, path, ("If-None-Match", "*"));
        var etag = created.Headers.ETag!.ToString();

        using var ok = await SendAsync(client, HttpMethod.Get, path, ("Origin", Page));
        using var notModified = await SendAsync(client, HttpMethod.Get, path, ("Origin", Page), ("If-None-Match", etag));
        using var failed = await SendAsync(client, HttpMethod.Put, path, ("Origin", Page), ("If-Match", "\"other\""));
        using var plain = await SendAsync(client, HttpMethod.Get, path);

        foreach (var (response, status) in new[] { (ok, HttpStatusCode.OK), (notModified, HttpStatusCode.NotModified), (failed, HttpStatusCode.PreconditionFailed) })
        {
            response.StatusCode.ShouldBe(status);
            Field(response, "Access-Control-Allow-Origin").ShouldBe("*", status.ToString());
            Field(response, "Access-Control-Expose-Headers").ShouldBe("ETag, Location, Content-Range, Accept-Ranges", status.ToString());
        }

        Field(plain, "Access-Control-Allow-Origin").ShouldBeNull("a request without Origin is not a cross-origin one");
    }

    [Fact]
    public async Task Listed_origins_are_echoed_with_vary_and_others_get_nothing()
    {
        await using var server = await ServerHost.StartAsync(new ReferenceServerOptions { CorsOrigins = [Page] });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var allowed = await SendAsync(client, HttpMethod.Get, "/static/hello.txt", ("Origin", Page));
        using var other = await SendAsync(client, HttpMethod.Get, "/static/hello.txt", ("Origin", "http://127.0.0.1:6000"));
        using var otherPreflight = await SendAsync(client, HttpMethod.Options, "/items/x", ("Origin", "http://127.0.0.1:6000"), ("Access-Control-Request-Method", "PUT"));

        Field(allowed, "Access-Control-Allow-Origin").ShouldBe(Page);
        Field(allowed, "Vary").ShouldBe("Origin");
        Field(other, "Access-Control-Allow-Origin").ShouldBeNull();
        otherPreflight.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "a preflight from an origin not allowed is an ordinary OPTIONS");
    }

    [Fact]
    public async Task Without_origins_there_is_no_cors_at_all()
    {
        await using var server = await ServerHost.StartAsync(new ReferenceServerOptions { CorsOrigins = [] });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        using var preflight = await SendAsync(client, HttpMethod.Options, "/items/x", ("Origin", Page), ("Access-Control-Request-Method", "PUT"));
        using var read = await SendAsync(client, HttpMethod.Get, "/static/hello.txt", ("Origin", Page));

        preflight.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        Field(read, "Access-Control-Allow-Origin").ShouldBeNull();
    }

    [Fact]
    public async Task The_cors_defects_drop_etag_from_the_exposed_and_if_match_from_the_allowed_headers()
    {
        await using var hiding = await ServerHost.StartAsync(new ReferenceServerOptions { Defects = DefectSet.Of(Defects.CorsETagNotExposed) });
        await using var refusing = await ServerHost.StartAsync(new ReferenceServerOptions { Defects = DefectSet.Of(Defects.CorsIfMatchNotAllowed) });
        using var hidingClient = new HttpClient { BaseAddress = hiding.BaseAddress };
        using var refusingClient = new HttpClient { BaseAddress = refusing.BaseAddress };

        using var read = await SendAsync(hidingClient, HttpMethod.Get, "/static/hello.txt", ("Origin", Page));
        using var preflight = await SendAsync(refusingClient, HttpMethod.Options, "/items/x", ("Origin", Page), ("Access-Control-Request-Method", "PUT"));

        read.Headers.ETag.ShouldNotBeNull("the ETag is still sent; scripts just cannot read it");
        Field(read, "Access-Control-Expose-Headers").ShouldBe("Location, Content-Range, Accept-Ranges");
        Field(preflight, "Access-Control-Allow-Headers").ShouldBe("Content-Type, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range, Range");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (method == HttpMethod.Put)
        {
            request.Content = new StringContent("""{"a":1}""", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static string? Field(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
