using System.Net;
using System.Text;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.ReferenceServer.Fuzz;

/// <summary>What the fuzz test found, kept as fixed cases: each request as the fuzzer sent it.</summary>
public sealed class FuzzFindingsTests
{
    /// <summary>A merge patch (or a stored document) with a string holding an unpaired surrogate escape made
    /// the merge throw: 500. Found by a 60,000-case run (seed 07X9quf_Xzs1, case 1858). Such content is now
    /// refused as not being text (400), and the document is left as it was.</summary>
    [Theory]
    [InlineData("PATCH", "application/merge-patch+json", "{\"m\":\"\\ud800\"}")]
    [InlineData("PATCH", "application/merge-patch+json", "{\"\\udc00\":1}")]
    [InlineData("PUT", "application/json", "{\"m\":\"\\ud800\"}")]
    [InlineData("POST", "application/json", "[\"\\ud83d\"]")]
    public async Task Content_with_an_unpaired_surrogate_escape_is_refused_with_400(string method, string contentType, string body)
    {
        await using var server = await ServerHost.StartAsync(new global::ConformanceKit.ReferenceServer.ReferenceServerOptions());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var initial = new StringContent("{\"setup\":41}", Encoding.UTF8, "application/json");
        (await client.PutAsync(new Uri("/items/fz-3", UriKind.Relative), initial)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var request = new RawRequest(method, method == "POST" ? "/items" : "/items/fz-3", [("If-Range", "\"a\" \"b\""u8.ToArray()), ("Content-Type", Encoding.ASCII.GetBytes(contentType))], Encoding.UTF8.GetBytes(body));

        var status = await RawRequest.SendAsync(server.BaseAddress, request.ToBytes(server.BaseAddress.Authority, null), TimeSpan.FromSeconds(10));

        status.ShouldBe(400);
        (await client.GetStringAsync(new Uri("/items/fz-3", UriKind.Relative))).ShouldBe("{\"setup\":41}");
    }
}
