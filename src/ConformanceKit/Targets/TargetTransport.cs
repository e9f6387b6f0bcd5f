using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Http;

namespace ConformanceKit.Targets;

/// <summary>
/// How the harness talks to a target, from targets.json: <c>timeouts</c> (<c>request</c>, <c>run</c>),
/// <c>maxBodyBytes</c>, <c>followRedirects</c>, <c>tls</c> (<c>caFile</c>, <c>insecure</c>) and <c>http</c>
/// (<c>"1.1"</c> or <c>"2"</c>). A value left out keeps the default of <see cref="ClientSettings"/> (and of the
/// run's time budget); the command line's options win over these.
/// </summary>
public sealed record TargetTransport
{
    public static TargetTransport Default { get; } = new();

    /// <summary>Bounds, checked by the loader.</summary>
    public static readonly TimeSpan MinRequestTimeout = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan MinRunTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRunTimeout = TimeSpan.FromHours(24);

    public const int MinBodyBytes = 1024;

    public const int MaxBodyBytes = 256 * 1024 * 1024;

    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The whole run's time budget for this target (the checks, one after the other).</summary>
    public TimeSpan? RunTimeout { get; init; }

    public int? MaxResponseBodyBytes { get; init; }

    public bool FollowRedirects { get; init; }

    /// <summary>The CA file named by <c>tls.caFile</c> (absolute), and its certificates.</summary>
    public string? CaFile { get; init; }

    public X509Certificate2Collection? CaCertificates { get; init; }

    public bool InsecureTls { get; init; }

    /// <summary>1.1 unless the target says <c>"http": "2"</c>.</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;

    /// <summary><paramref name="settings"/> with what this target sets.</summary>
    public ClientSettings ApplyTo(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with
        {
            RequestTimeout = RequestTimeout ?? settings.RequestTimeout,
            MaxBodyBytes = MaxResponseBodyBytes ?? settings.MaxBodyBytes,
            FollowRedirects = FollowRedirects || settings.FollowRedirects,
            TrustedCertificates = CaCertificates ?? settings.TrustedCertificates,
            InsecureTls = InsecureTls || settings.InsecureTls,
            HttpVersion = HttpVersion,
        };
    }
}
