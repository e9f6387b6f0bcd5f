using System.Text.Json;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// Keeps exceptions from leaking as broken connections or stack traces. Faults of the input (an oversized
/// or truncated body, JSON the validators let through) become 4xx problem responses; an aborted request
/// is dropped; anything else is our bug, logged and answered 500 without details.
/// </summary>
internal sealed partial class ErrorBarrier(ILogger<ErrorBarrier> logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Problem.WriteAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (JsonException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await Problem.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid JSON", e.Message).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence must catch everything so no exception reaches Kestrel.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path.Value ?? "/");
            context.Response.Clear();
            await Problem.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal Server Error", "The reference server failed; this is a bug.").ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
