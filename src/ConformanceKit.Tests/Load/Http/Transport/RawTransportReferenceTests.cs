using System.Text;
using ConformanceKit.Load.Http;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Races;

namespace ConformanceKit.Tests.Load.Http.Transport;

/// <summary>The raw transport against the reference server on loopback, request for request beside the HttpClient
/// transport: the same statuses, ETags and bodies for GET, a 304, HEAD, a conditional PUT and its 412, DELETE and
/// a 404; and the byte counts it reports are what crossed the wire.</summary>
public sealed class RawTransportReferenceTests
{
    [Fact]
    public async Task Raw_and_HttpClient_see_the_same_answers_from_the_reference_server()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token, """{"counter":1,"name":"raw"}""");
        var url = session.Resolve(path);
        using var raw = new LoadHttpClient(session, new LoadHttpSettings { Transport = LoadTransport.Raw });
        using var handler = new LoadHttpClient(session, new LoadHttpSettings { Transport = LoadTransport.HttpClient });
        raw.Transport.ShouldBe(LoadTransport.Raw);
        handler.Transport.ShouldBe(LoadTransport.HttpClient);

        foreach (var client in new[] { raw, handler })
        {
            var read = await client.GetAsync(url, null, keepBody: true, deadline.Token);
            read.Status.ShouldBe(200, read.Error);
            Encoding.UTF8.GetString(read.Body.Span).ShouldBe("""{"counter":1,"name":"raw"}""");
            var etag = read.ETag.ShouldNotBeNull();

            var notModified = await client.GetAsync(url, etag, keepBody: true, deadline.Token);
            notModified.Status.ShouldBe(304);
            notModified.ETag.ShouldBe(etag);
            notModified.BodyLength.ShouldBe(0);

            var head = await client.SendAsync(HttpMethod.Head, url, null, null, default, keepBody: true, deadline.Token);
            head.Status.ShouldBe(200);
            head.BodyLength.ShouldBe(0);

            var body = Encoding.UTF8.GetBytes("""{"counter":2,"name":"raw"}""");
            var written = await client.PutAsync(url, etag, body, deadline.Token);
            written.Status.ShouldBe(204, written.Error);
            var stale = await client.PutAsync(url, etag, body, deadline.Token);
            stale.Status.ShouldBe(412);
            stale.BodyLength.ShouldBeGreaterThan(0, "a problem document");
            stale.ETag.ShouldBe(written.ETag);

            // Put the document back for the other client.
            (await client.PutAsync(url, written.ETag, Encoding.UTF8.GetBytes("""{"counter":1,"name":"raw"}"""), deadline.Token)).Status.ShouldBe(204);
        }

        var gone = await raw.DeleteAsync(url, deadline.Token);
        gone.Status.ShouldBe(204);
        (await raw.GetAsync(url, null, false, deadline.Token)).Status.ShouldBe(404);
        (await handler.GetAsync(url, null, false, deadline.Token)).Status.ShouldBe(404);
        raw.Connections.ShouldBe(1, "every request on one keep-alive connection");
    }

    [Fact]
    public async Task The_raw_transport_counts_the_exact_bytes_of_a_304()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var url = session.Resolve(await ReferenceTarget.FreshDocumentAsync(session, deadline.Token));
        using var raw = new LoadHttpClient(session, new LoadHttpSettings { Transport = LoadTransport.Raw });
        var etag = (await raw.GetAsync(url, null, false, deadline.Token)).ETag!;

        var response = await raw.GetAsync(url, etag, false, deadline.Token);

        var sent = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nIf-None-Match: {etag}\r\n\r\n";
        response.BytesOut.ShouldBe(sent.Length);
        response.BytesIn.ShouldBe(response.HeaderBytes, "a 304 is all head");
        response.HeaderBytes.ShouldBeInRange(100, 400);
    }

    [Fact]
    public void Auto_is_raw_for_plain_http_and_HttpClient_for_https_and_raw_refuses_https()
    {
        LoadHttpClient.Choose(LoadTransport.Auto, new Uri("http://127.0.0.1:1/")).ShouldBe(LoadTransport.Raw);
        LoadHttpClient.Choose(LoadTransport.Auto, new Uri("https://127.0.0.1:1/")).ShouldBe(LoadTransport.HttpClient);
        LoadHttpClient.Choose(LoadTransport.HttpClient, new Uri("http://127.0.0.1:1/")).ShouldBe(LoadTransport.HttpClient);
        Should.Throw<ArgumentException>(() => LoadHttpClient.Choose(LoadTransport.Raw, new Uri("https://127.0.0.1:1/"))).Message.ShouldContain("plain http only");
    }
}
