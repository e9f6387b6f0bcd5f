namespace ConformanceKit.Load.Http;

/// <summary>The server's bytes are not an HTTP/1.1 response the raw transport can frame (or they break one of
/// <see cref="RawLimits"/>); the message says what was wrong. The connection is closed after it.</summary>
internal sealed class MalformedResponseException : Exception
{
    public MalformedResponseException(string message)
        : base(message)
    {
    }

    public MalformedResponseException()
    {
    }

    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server closed the connection before the response was complete. <see cref="BeforeAnyByte"/>: not one
/// byte of it had come (on a reused keep-alive connection, the server may simply have closed it while idle).</summary>
internal sealed class ConnectionClosedException : Exception
{
    public ConnectionClosedException(string message, bool beforeAnyByte)
        : base(message) => BeforeAnyByte = beforeAnyByte;

    public ConnectionClosedException()
    {
    }

    public ConnectionClosedException(string message)
        : base(message)
    {
    }

    public ConnectionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool BeforeAnyByte { get; }
}
