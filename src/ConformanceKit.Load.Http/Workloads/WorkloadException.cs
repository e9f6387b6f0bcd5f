namespace ConformanceKit.Load.Http;

/// <summary>The target cannot take a workload as configured (it accepts no writes, or has no resource to read):
/// a configuration error, found before any load is sent.</summary>
public sealed class WorkloadException : Exception
{
    public WorkloadException(string message)
        : base(message)
    {
    }

    public WorkloadException()
    {
    }

    public WorkloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
