using System.Net.Http.Headers;
using System.Text;
using ConformanceKit.ReferenceServer;
using Microsoft.Extensions.Time.Testing;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>A real loopback reference server with a fake clock, shared by one test class.</summary>
public class ServerFixture : IAsyncLifetime
{
    // Half a second into the second, so truncation to whole seconds is visible.
    public static readonly DateTimeOffset Epoch = new(2025, 3, 14, 9, 26, 53, 500, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Epoch);

    public ServerHost Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerHost.StartAsync(CreateOptions(Time));
        Client = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected virtual ReferenceServerOptions CreateOptions(FakeTimeProvider time) => new() { TimeProvider = time };
}

public sealed class RequirePreconditionsFixture : ServerFixture
{
    protected override ReferenceServerOptions CreateOptions(FakeTimeProvider time) =>
        new() { TimeProvider = time, RequirePreconditions = true };
}

/// <summary>Request helpers that send header values exactly as given (malformed ones included).</summary>
internal static class Exchange
{
    public static string NewPath() => $"/items/t-{Guid.NewGuid():N}";

    public static Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string? json = null,
        string contentType = "application/json",
        params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value).ShouldBeTrue($"header {name}");
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, null, "application/json", headers);

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Put, path, json, "application/json", headers);

    /// <summary>Creates a document and returns its entity-tag as sent on the wire.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string path, string json = """{"n":1}""")
    {
        using var response = await PutAsync(client, path, json);
        ((int)response.StatusCode).ShouldBe(201);
        return ETag(response);
    }

    public static string ETag(HttpResponseMessage response) => Header(response, "ETag")
        ?? throw new ShouldAssertException($"no ETag on {(int)response.StatusCode}");

    /// <summary>A response field from either the response or the content headers, or null.</summary>
    public static string? Header(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }

        return null;
    }

    public static string Weak(string strongTag) => "W/" + strongTag;
}
