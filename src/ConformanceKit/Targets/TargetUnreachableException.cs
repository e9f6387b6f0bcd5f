namespace ConformanceKit.Targets;

/// <summary>The run could not be carried out: the target did not answer at all, or could not be started.
/// The command line maps it to exit code 3.</summary>
public sealed class TargetUnreachableException : Exception
{
    public TargetUnreachableException(string message)
        : base(message)
    {
    }

    public TargetUnreachableException()
    {
    }

    public TargetUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
