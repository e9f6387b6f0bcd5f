using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>What one write of <see cref="CrashLoad"/> was meant to do.</summary>
internal enum WriteKind
{
    /// <summary>PUT with If-None-Match: * to a resource that does not exist yet: must be 201.</summary>
    Create,

    /// <summary>PUT with the If-Match of the resource's current version (its only writer knows it): must be 2xx.</summary>
    Current,

    /// <summary>PUT with an If-Match that an acknowledged write has already superseded: must be 412.</summary>
    Stale,

    /// <summary>Read-modify-write with If-Match on the resource every client shares: 2xx or 412.</summary>
    Shared,
}

/// <summary>One write and how it ended: <see cref="Status"/> is null when no answer came (in flight when the
/// server died, or sent after); <see cref="Order"/> numbers the acknowledged writes in the order their answers
/// arrived.</summary>
internal sealed record WriteAttempt(string Path, WriteKind Kind, string Content, int? Status, string? ETag, long Order)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    public bool Rejected => Status == 412;

    public bool Unanswered => Status is null;

    /// <summary>The answer is not one the kind allows; the server broke a rule.</summary>
    public bool Unexpected => Status is { } status && Kind switch
    {
        WriteKind.Create => status != 201,
        WriteKind.Current => status is < 200 or >= 300,
        WriteKind.Stale => status != 412,
        _ => status != 412 && (status is < 200 or >= 300),
    };

    public override string ToString() => $"{Kind} {Path} {Content} -> {(Status is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}";
}

/// <summary>
/// A write load from several clients on loopback: each client creates its own resource (If-None-Match: *),
/// then updates it with the current If-Match (2xx), sends deliberately stale If-Match updates to its own and
/// to other clients' resources (412), and read-modify-writes one shared resource. Every content is unique, so
/// the final state tells which write it came from. A client stops at its first request without an answer (the
/// server is gone). Bounded: at most <see cref="MaxRoundsPerClient"/> rounds per client.
/// </summary>
internal sealed class CrashLoad(Uri baseAddress, string prefix, int clients, int seed)
{
    public const int MaxRoundsPerClient = 5_000;

    private readonly ConcurrentQueue<WriteAttempt> attempts = new();
    private readonly List<(string Path, string ETag)> superseded = [];
    private long acknowledged;

    public string SharedPath => $"/items/{prefix}-shared";

    public static string SharedInitial => """{"kind":"shared-initial"}""";

    public IReadOnlyList<string> OwnPaths => Enumerable.Range(0, clients).Select(OwnPath).ToList();

    public IReadOnlyCollection<WriteAttempt> Attempts => attempts;

    /// <summary>Acknowledged (2xx) writes so far.</summary>
    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>Every entity-tag any answer carried.</summary>
    public ConcurrentDictionary<string, byte> SeenETags { get; } = new(StringComparer.Ordinal);

    /// <summary>Completes once <paramref name="count"/> writes are acknowledged.</summary>
    public TaskCompletionSource AcknowledgedEnough { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long KillAfter { get; init; } = long.MaxValue;

    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task CreateSharedAsync(CancellationToken cancellationToken)
    {
        using var http = NewClient(baseAddress);
        var attempt = await WriteAsync(http, WriteKind.Create, SharedPath, SharedInitial, ("If-None-Match", "*"), cancellationToken);
        attempt.Status.ShouldBe(201, attempt.ToString());
    }

    /// <summary>Runs every client until each has lost the server (or used up its rounds).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, cancellationToken), cancellationToken)));

    private string OwnPath(int client) => $"/items/{prefix}-{client}";

    private async Task ClientAsync(int client, CancellationToken cancellationToken)
    {
        var random = new Random(seed + client);
        var own = OwnPath(client);
        using var http = NewClient(baseAddress);

        // A client stops at its first request without an answer: the server was killed.
        var created = await WriteAsync(http, WriteKind.Create, own, Content(client, 0, "create"), ("If-None-Match", "*"), cancellationToken);
        var current = created.ETag;
        for (var round = 1; round <= MaxRoundsPerClient && current is not null; round++)
        {
            var previous = current;
            var update = await WriteAsync(http, WriteKind.Current, own, Content(client, round, "current"), ("If-Match", current), cancellationToken);
            if (!update.Acknowledged)
            {
                return; // No answer, or an unexpected one (the test reports it).
            }

            current = update.ETag;
            lock (superseded)
            {
                superseded.Add((own, previous));
            }

            if (round % 3 == 0
                && (await WriteAsync(http, WriteKind.Stale, own, Content(client, round, "stale-own"), ("If-Match", previous), cancellationToken)).Unanswered)
            {
                return;
            }

            if (round % 2 == 0 && !await SharedAsync(http, client, round, cancellationToken))
            {
                return;
            }

            if (round % 4 == 0)
            {
                (string Path, string ETag) old;
                lock (superseded)
                {
                    old = superseded[random.Next(superseded.Count)];
                }

                if ((await WriteAsync(http, WriteKind.Stale, old.Path, Content(client, round, "stale-other"), ("If-Match", old.ETag), cancellationToken)).Unanswered)
                {
                    return;
                }
            }
        }
    }

    /// <summary>GET then a conditional PUT on the shared resource; false when a request got no answer.</summary>
    private async Task<bool> SharedAsync(HttpClient http, int client, int round, CancellationToken cancellationToken)
    {
        string? etag;
        try
        {
            using var read = await http.GetAsync(SharedPath, cancellationToken);
            etag = read.Headers.ETag?.ToString();
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            return false;
        }

        if (etag is null)
        {
            return true;
        }

        SeenETags.TryAdd(etag, 0);
        return !(await WriteAsync(http, WriteKind.Shared, SharedPath, Content(client, round, "shared"), ("If-Match", etag), cancellationToken)).Unanswered;
    }

    private static bool IsNoAnswer(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Sends one PUT and records how it ended, an unanswered one too.</summary>
    private async Task<WriteAttempt> WriteAsync(HttpClient http, WriteKind kind, string path, string content, (string Name, string Value) condition, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = new StringContent(content, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation(condition.Name, condition.Value).ShouldBeTrue();
        WriteAttempt attempt;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var etag = response.Headers.ETag?.ToString();
            var order = status is >= 200 and < 300 ? Interlocked.Increment(ref acknowledged) : 0;
            attempt = new WriteAttempt(path, kind, content, status, etag, order);
            if (etag is not null)
            {
                SeenETags.TryAdd(etag, 0);
            }

            if (order == KillAfter)
            {
                AcknowledgedEnough.TrySetResult();
            }
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            attempt = new WriteAttempt(path, kind, content, null, null, 0);
        }

        attempts.Enqueue(attempt);
        return attempt;
    }

    private static string Content(int client, int round, string kind) => $$"""{"client":{{client}},"round":{{round}},"kind":"{{kind}}"}""";
}
