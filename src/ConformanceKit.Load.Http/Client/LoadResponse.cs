namespace ConformanceKit.Load.Http;

/// <summary>
/// What one load request got back: the status (null: no response, then <see cref="Error"/> says why), the ETag field
/// as sent (null when absent or repeated), the bytes received (<see cref="HeaderBytes"/>, the status line and header
/// fields as they would be written in HTTP/1.1, plus <see cref="BodyLength"/>) and sent (the same estimate of the
/// request), and, when the request asked for it, the <see cref="Body"/>, valid until the client's next request.
/// </summary>
public readonly record struct LoadResponse(
    int? Status,
    string? ETag,
    long BytesIn,
    long BytesOut,
    long BodyLength,
    long HeaderBytes,
    string? Error,
    ReadOnlyMemory<byte> Body,
    bool BodyTruncated)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    internal static LoadResponse Failed(string error, long bytesOut) => new(null, null, 0, bytesOut, 0, 0, error, default, false);
}
