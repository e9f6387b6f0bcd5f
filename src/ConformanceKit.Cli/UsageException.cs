namespace ConformanceKit.Cli;

/// <summary>The command line itself is wrong (unknown option, missing value). Exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
