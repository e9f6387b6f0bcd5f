using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Http;

/// <summary>Limits and transport choices every harness client obeys, so a misbehaving target ends as an error
/// verdict. The defaults are those of a target that sets nothing; a target's <c>timeouts</c>, <c>maxBodyBytes</c>,
/// <c>followRedirects</c>, <c>tls</c> and <c>http</c> fields change them (<c>TargetTransport.ApplyTo</c>), and the
/// command line's options win over the target's.</summary>
public sealed record ClientSettings
{
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>Redirects followed in a row at most when <see cref="FollowRedirects"/> is on; the next 3xx is the
    /// answer judged.</summary>
    public const int MaxRedirects = 5;

    /// <summary>How long one request may take: connecting, TLS, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>Response bytes kept; reading stops beyond this and the body is marked truncated.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Whether a 3xx with a Location is followed (at most <see cref="MaxRedirects"/> times). Off by default:
    /// a 3xx is an answer to judge.</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>Certificates trusted as roots besides the system's (a private CA, a self-signed test server).</summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>Accept any server certificate. Only for test servers, and only when a target asks for it.</summary>
    public bool InsecureTls { get; init; }

    /// <summary>The HTTP version every request asks for: 1.1 (the default), or 2 (over TLS by ALPN, on plain http
    /// by prior knowledge), exactly, so a server that cannot speak it is an error rather than a silent downgrade.</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;
}
