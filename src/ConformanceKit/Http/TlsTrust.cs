using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Http;

/// <summary>
/// Decides whether a server certificate is accepted under a target's TLS options. A certificate the system
/// trusts is always accepted. With <see cref="ClientSettings.InsecureTls"/>, any certificate is. With
/// <see cref="ClientSettings.TrustedCertificates"/>, a certificate whose only problem is its chain is accepted
/// when it chains to one of them; a name that does not match the host is never accepted.
/// </summary>
internal static class TlsTrust
{
    public static bool Accepts(ClientSettings settings, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None || settings.InsecureTls)
        {
            return true;
        }

        if (certificate is null || settings.TrustedCertificates is not { Count: > 0 } roots || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return custom.Build(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }
}
