namespace ConformanceKit.RealServers.PeerTools;

/// <summary>A peer tool that ran but failed (non-zero exit, e.g. wrk could not connect); the message carries
/// its output.</summary>
public sealed class PeerToolException : Exception
{
    public PeerToolException()
    {
    }

    public PeerToolException(string message)
        : base(message)
    {
    }

    public PeerToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
