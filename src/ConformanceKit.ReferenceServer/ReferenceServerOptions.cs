namespace ConformanceKit.ReferenceServer;

/// <summary>How to run one in-box reference server. Every instance has its own store (two instances must not
/// share one SQLite file).</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>Kestrel listen URLs (<c>;</c>-separated). Port 0 binds a free port; loopback by default.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Where the JSON documents live: <c>{CollectionPath}/{id}</c>, and POST to the collection.</summary>
    public string CollectionPath { get; init; } = "/items";

    /// <summary>RFC 6585 section 3: answer 428 to PUT, PATCH and DELETE that carry none of
    /// If-Match, If-None-Match and (a valid) If-Unmodified-Since.</summary>
    public bool RequirePreconditions { get; init; }

    /// <summary>Deliberate deviations from RFC 9110, for testing the harness itself.</summary>
    public DefectSet Defects { get; init; } = DefectSet.None;

    /// <summary>Legal choices other than the defaults (e.g. 200 instead of 204, weak entity-tags), for showing
    /// that the catalog accepts every answer the RFCs allow.</summary>
    public VariantSet Variants { get; init; } = VariantSet.None;

    /// <summary>Origins whose scripts may read and write (the Fetch standard's CORS protocol), e.g.
    /// <c>http://127.0.0.1:5090</c>; <c>*</c> allows every origin (the default); empty switches CORS off.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = ["*"];

    /// <summary>
    /// Run request handling on the socket threads instead of handing each request to the thread pool (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>; with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> in the process
    /// the socket completions run there too). Measured with wrk on the 304 path, 2 cores: about 87,000 req/s against
    /// 56,000. Only for a server that never blocks: the correct one with the in-memory store. A SQLite store's
    /// synchronous I/O or a defect's window would stall every connection of that thread, so <c>serve</c> turns it on
    /// only without defects and with the memory store; off by default (the tests' in-process servers).
    /// </summary>
    public bool InlineScheduling { get; init; }

    /// <summary>Where documents are kept: in memory (the default) or in a SQLite file that survives restarts.</summary>
    public StoreChoice Store { get; init; } = StoreChoice.Memory;

    /// <summary>When set, the server listens on a free loopback port configured by this callback (protocols such as
    /// HTTP/2 only, HTTPS with a test certificate) instead of <see cref="Urls"/>: for tests of the harness's
    /// transport options.</summary>
    public Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? Listen { get; init; }

    /// <summary>The clock for Date, Last-Modified and date preconditions.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
