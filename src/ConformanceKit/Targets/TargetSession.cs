using ConformanceKit.Http;

namespace ConformanceKit.Targets;

/// <summary>
/// A target ready to receive requests for one run: its base address (the reference server started on a
/// free loopback port when needed), the redactor built from its secrets, and named clients.
/// </summary>
public sealed class TargetSession : IAsyncDisposable
{
    private readonly IAsyncDisposable? _server;

    private TargetSession(TargetDefinition target, Uri baseAddress, IAsyncDisposable? server, ClientSettings settings, TimeProvider time)
    {
        Target = target;
        BaseAddress = baseAddress;
        _server = server;
        Settings = settings;
        Time = time;
        // Values from the environment, and credential fields the target sends even when written in clear.
        Redactor = new Redactor(target.Secrets.Concat(target.Headers.SelectMany(h => Redactor.CredentialSecrets(h.Name, h.Value))));
    }

    public TargetDefinition Target { get; }

    public Uri BaseAddress { get; }

    public Redactor Redactor { get; }

    public ClientSettings Settings { get; }

    public TimeProvider Time { get; }

    /// <summary>Starts (reference) or probes (remote) the target. Throws <see cref="TargetUnreachableException"/>
    /// when it does not answer.</summary>
    public static async Task<TargetSession> OpenAsync(
        TargetDefinition target,
        IReferenceLauncher? referenceLauncher,
        ClientSettings settings,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        TargetSession session;
        if (target.Kind == TargetKind.Reference)
        {
            if (referenceLauncher is null)
            {
                throw new TargetUnreachableException($"target '{target.Name}' is the in-box reference server, but this host cannot start it");
            }

            LaunchedServer launched;
            try
            {
                launched = await referenceLauncher.StartAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                throw new TargetUnreachableException($"target '{target.Name}': the reference server could not start: {e.Message}", e);
            }

            session = new TargetSession(target, launched.BaseAddress, launched.Handle, settings, time);
        }
        else
        {
            session = new TargetSession(target, target.BaseUrl!, null, settings, time);
        }

        await session.ProbeAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>A client with its own connection, sending the target's extra headers.</summary>
    public NamedClient CreateClient(string name) =>
        new(name, Target.Headers.Select(h => new HeaderLine(h.Name, h.Value)).ToList(), Redactor, Settings, Time);

    /// <summary>The absolute URL of a scenario path: absolute URLs stay; paths are appended to the base
    /// URL's path (a base of http://host/api and a path /items/1 give http://host/api/items/1).</summary>
    public Uri Resolve(string pathOrUrl)
    {
        ArgumentNullException.ThrowIfNull(pathOrUrl);
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        var basePath = BaseAddress.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(BaseAddress) { Path = basePath + (pathOrUrl.StartsWith('/') ? pathOrUrl : "/" + pathOrUrl), Query = string.Empty };
        var query = pathOrUrl.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            builder.Path = basePath + pathOrUrl[..query];
            builder.Query = pathOrUrl[(query + 1)..];
        }

        return builder.Uri;
    }

    /// <summary>The part of an absolute URL below the base address, as a path (or the URL itself when it is elsewhere).</summary>
    public string ToScenarioPath(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var basePath = BaseAddress.AbsolutePath.TrimEnd('/');
        if (url.Scheme == BaseAddress.Scheme && url.Authority == BaseAddress.Authority && url.AbsolutePath.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            return url.PathAndQuery[basePath.Length..];
        }

        return url.AbsoluteUri;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient("probe");
        var exchange = await client.SendAsync(0, HttpMethod.Get, BaseAddress, [], null, null, cancellationToken).ConfigureAwait(false);
        if (exchange.Response is null)
        {
            throw new TargetUnreachableException($"target '{Target.Name}' is unreachable at {Redactor.RedactUrl(BaseAddress)}: {exchange.Error}");
        }
    }
}
