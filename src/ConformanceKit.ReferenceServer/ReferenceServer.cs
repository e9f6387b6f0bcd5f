using ConformanceKit.ReferenceServer.Endpoints;
using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using ConformanceKit.ReferenceServer.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.ReferenceServer;

/// <summary>
/// The in-box reference server: a JSON document store under <see cref="ReferenceServerOptions.CollectionPath"/>
/// that implements RFC 9110 section 13 conditional requests, optionally with named <see cref="Defects"/>
/// (deliberate deviations) and <see cref="Variants"/> (legal choices other than its defaults).
/// Each instance is an independent Kestrel host with its own store; many can run in one process.
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    private const long MaxContentBytes = 1024 * 1024;

    private readonly WebApplication app;
    private readonly IDocumentStore store;
    private int disposed;

    private ReferenceServer(WebApplication app, IDocumentStore store, Uri baseAddress)
    {
        this.app = app;
        this.store = store;
        BaseAddress = baseAddress;
    }

    /// <summary>The first bound address with a trailing slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the server and returns once it is listening. A SQLite store that cannot be opened is an
    /// <see cref="IOException"/> naming the file.</summary>
    public static async Task<ReferenceServer> StartAsync(ReferenceServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var collectionPath = NormalizeCollectionPath(options);
        var time = options.TimeProvider ?? TimeProvider.System;
        var defects = options.Defects ?? DefectSet.None;
        var variants = options.Variants ?? VariantSet.None;
        var store = OpenStore(options.Store ?? StoreChoice.Memory, time, defects, new ValidatorPolicy(variants));
        WebApplication? app = null;
        try
        {
            app = Build(options, collectionPath, store, time, defects, variants);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var first = addresses?.FirstOrDefault()
                ?? throw new InvalidOperationException($"The server started but reports no bound address for '{options.Urls}'.");
            return new ReferenceServer(app, store, new Uri(first.TrimEnd('/') + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            store.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host shuts down (Ctrl+C, SIGTERM) or, after stopping it, when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            store.Dispose();
        }
    }

    private static IDocumentStore OpenStore(StoreChoice choice, TimeProvider time, DefectSet defects, ValidatorPolicy policy) =>
        choice.SqlitePath is { } path
            ? SqliteDocumentStore.Open(path, time, defects, policy)
            : new MemoryDocumentStore(time, defects, policy);

    private static WebApplication Build(
        ReferenceServerOptions options,
        string collectionPath,
        IDocumentStore store,
        TimeProvider time,
        DefectSet defects,
        VariantSet variants)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(ReferenceServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (options.Listen is null)
        {
            builder.WebHost.UseUrls(options.Urls);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.Listen is { } listen)
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen);
            }

            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxContentBytes;
        });
        if (options.InlineScheduling)
        {
            // Requests run on the socket threads instead of a hop to the thread pool (see ReferenceServerOptions).
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // Hosting makes an Activity and a logging scope for every request whenever its logger is on at any level;
        // it logs nothing we keep (request start and end, at Information), so it is off, and a request costs about
        // 0.5 KB and a few microseconds less. Errors still go to the Kestrel and ErrorBarrier loggers.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        var policy = new ValidatorPolicy(variants);
        var evaluator = new PreconditionEvaluator(defects, options.RequirePreconditions);
        var responseDate = new ResponseDate(time);
        var validators = new ValidatorFields(defects, time, responseDate);
        var representations = new RepresentationResponses(defects, variants, validators);
        var conditional = new ConditionalResponses(defects, variants, validators, representations);
        var documents = new DocumentEndpoints(store, evaluator, conditional, representations, defects, variants, time, collectionPath);
        var statics = new StaticEndpoints(evaluator, conditional, representations, policy, time, time.GetUtcNow());
        var router = new RequestRouter(documents, statics, defects, time, responseDate, collectionPath);
        builder.Services.AddSingleton<ErrorBarrier>();

        var app = builder.Build();
        var barrier = app.Services.GetRequiredService<ErrorBarrier>();
        app.Use((context, next) => barrier.InvokeAsync(context, next));
        // Scripts of other origins (CORS): answers preflights, adds the CORS fields to every answer for an allowed origin.
        var crossOrigin = new Cors.CrossOriginPolicy(options.CorsOrigins, defects);
        app.Use((context, next) => crossOrigin.InvokeAsync(context, next));
        app.Run(router.HandleAsync);
        return app;
    }

    // "/items/" and "/items" are the same collection; it must not shadow "/", "/health" or "/static/...".
    private static string NormalizeCollectionPath(ReferenceServerOptions options)
    {
        var path = (options.CollectionPath ?? string.Empty).Trim().TrimEnd('/');
        if (!path.StartsWith('/') || path.Length < 2 || path == "/health" || path.StartsWith("/static", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"CollectionPath '{options.CollectionPath}' must be an absolute path such as /items, and not /, /health or under /static.",
                nameof(options));
        }

        return path;
    }
}
