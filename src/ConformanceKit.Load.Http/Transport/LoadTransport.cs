namespace ConformanceKit.Load.Http;

/// <summary>How a <see cref="LoadHttpClient"/> talks to its target.</summary>
public enum LoadTransport
{
    /// <summary><see cref="Raw"/> for plain http targets, <see cref="HttpClient"/> for https.</summary>
    Auto,

    /// <summary>The lean HTTP/1.1 client (<see cref="RawHttpConnection"/>): a socket of the user's own, request bytes built
    /// once per step, only the status line and the framing, ETag and Connection fields parsed. Plain http only.</summary>
    Raw,

    /// <summary><see cref="System.Net.Http.SocketsHttpHandler"/> with one connection per user: https, and anything else the
    /// raw transport does not do.</summary>
    HttpClient,
}
