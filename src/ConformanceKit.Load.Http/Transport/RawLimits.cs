namespace ConformanceKit.Load.Http;

/// <summary>What the raw transport accepts from a server before it calls the response malformed: the size of a head
/// (status line and fields), the number of fields, the interim (1xx) responses before the final one, a chunk-size
/// line, and the trailer section of a chunked body. Bodies have no limit: past <see cref="LoadHttpSettings.MaxBodyBytes"/>
/// they are counted, not kept.</summary>
internal static class RawLimits
{
    public const int MaxHeadBytes = 64 * 1024;

    public const int MaxFields = 256;

    public const int MaxInterimResponses = 16;

    public const int MaxChunkLineBytes = 4 * 1024;

    public const int MaxTrailerBytes = 64 * 1024;

    /// <summary>The receive buffer a connection starts with (it grows up to <see cref="MaxHeadBytes"/> for a larger head).</summary>
    public const int InitialBufferBytes = 16 * 1024;
}
