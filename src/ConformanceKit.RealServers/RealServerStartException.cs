namespace ConformanceKit.RealServers;

/// <summary>A real server that was found but did not come up; the message carries its output and error log.</summary>
public sealed class RealServerStartException : Exception
{
    public RealServerStartException()
    {
    }

    public RealServerStartException(string message)
        : base(message)
    {
    }

    public RealServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
