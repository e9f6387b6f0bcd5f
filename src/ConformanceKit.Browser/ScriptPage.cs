using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Browser;

/// <summary>
/// The page script clients run on: a tiny HTML page on a free loopback port, so its origin
/// (<c>http://127.0.0.1:PORT</c>) is never the target's and every fetch() to the target is cross-origin, as a
/// single-page app's calls to an API on another host are. Loopback to loopback, so no private-network rule of the
/// browser gets in the way. Anything but <c>/</c> is 404.
/// </summary>
internal sealed class ScriptPage : IAsyncDisposable
{
    private const string Html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>ConformanceKit script client</title></head><body><p>ConformanceKit script client: fetch() from this origin to the target.</p></body></html>";

    private readonly WebApplication app;

    private ScriptPage(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The page, e.g. <c>http://127.0.0.1:41235/</c>; its origin is the scripts' origin.</summary>
    public Uri Address { get; }

    public static async Task<ScriptPage> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Run(async context =>
        {
            if (context.Request.Path != "/" || !HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(Html, context.RequestAborted).ConfigureAwait(false);
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var first = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScriptPage(app, new Uri(first.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
