using System.Security.Cryptography;
using System.Text;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>The fixed read-only resource (for targets that use <c>resource.existing</c>) and the
/// reachability probe.</summary>
internal sealed class StaticEndpoints
{
    public const string HelloPath = "/static/hello.txt";

    private static readonly byte[] HealthBody = "ConformanceKit reference server: ok\n"u8.ToArray();

    private readonly PreconditionEvaluator evaluator;
    private readonly ConditionalResponses conditional;
    private readonly RepresentationResponses representations;
    private readonly TimeProvider timeProvider;

    public StaticEndpoints(
        PreconditionEvaluator evaluator,
        ConditionalResponses conditional,
        RepresentationResponses representations,
        ValidatorPolicy validatorPolicy,
        TimeProvider timeProvider,
        DateTimeOffset startedAt)
    {
        this.evaluator = evaluator;
        this.conditional = conditional;
        this.representations = representations;
        this.timeProvider = timeProvider;
        var content = Encoding.UTF8.GetBytes("Hello from the ConformanceKit reference server.\n");
        var hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8));
        Hello = new Representation(content, MediaTypes.PlainText, validatorPolicy.EntityTagFor($"static-{hash}"), validatorPolicy.ModificationDate(startedAt));
    }

    public Representation Hello { get; }

    public async Task HelloAsync(HttpContext context, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = evaluator.Evaluate(context.Request.Method, conditions, Hello, timeProvider.GetUtcNow());
        if (await conditional.TryAnswerAsync(context, result, Hello).ConfigureAwait(false))
        {
            return;
        }

        await representations.WriteAsync(context, Hello, result.ApplyRange).ConfigureAwait(false);
    }

    public static async Task HealthAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.PlainText;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = HealthBody.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(HealthBody, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
