using ConformanceKit.Http;
using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// A resource made for a block to race on, following the target's recipe: PUT with If-None-Match: * to
/// <c>resource.path</c>, or POST to <c>resource.collection</c> and follow Location. Either
/// <see cref="Path"/> (below the base address) or <see cref="Error"/> is set.
/// </summary>
public sealed record FreshResource
{
    private FreshResource(string? path, string? error)
    {
        Path = path;
        Error = error;
    }

    public string? Path { get; }

    public string? Error { get; }

    public static async Task<FreshResource> CreateAsync(TargetSession session, string id, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var recipe = session.Target.Resource;
        using var client = session.CreateClient("setup");
        if (recipe.Create == CreateMethod.Put)
        {
            var path = recipe.PathFor(id);
            var put = await client.SendAsync(0, HttpMethod.Put, session.Resolve(path), [new HeaderLine("If-None-Match", "*")], content, recipe.ContentType, cancellationToken).ConfigureAwait(false);
            return put.Response is { Status: >= 200 and < 300 } ? new(path, null) : Failed(put);
        }

        var post = await client.SendAsync(0, HttpMethod.Post, session.Resolve(recipe.Collection!), [], content, recipe.ContentType, cancellationToken).ConfigureAwait(false);
        if (post.Response is not { Status: >= 200 and < 300 } response)
        {
            return Failed(post);
        }

        return response.Field("Location") is { } location && Uri.TryCreate(post.Request.Url, location.Trim(), out var created)
            ? new(session.ToScenarioPath(created), null)
            : new(null, $"POST {recipe.Collection} answered {response.Status} without a usable Location");
    }

    private static FreshResource Failed(Exchange exchange) => new(
        null,
        exchange.Response is { } response
            ? $"{exchange.Request.Method} {exchange.Request.Url.AbsolutePath} answered {response.Status} {response.Reason}"
            : $"{exchange.Request.Method} {exchange.Request.Url.AbsolutePath} failed: {exchange.Error}");
}
