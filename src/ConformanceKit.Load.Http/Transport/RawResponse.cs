namespace ConformanceKit.Load.Http;

/// <summary>
/// One response as the raw transport read it: the final status (interim 1xx responses are skipped), the ETag field as
/// sent (null when absent or repeated), the size of the final head (status line, fields and the blank line), every byte
/// the response took on the wire (interim heads and chunk framing included), the body's length, the bytes of it kept
/// (when asked) and whether more came than were kept, and whether the connection may carry the next request.
/// </summary>
internal readonly record struct RawResponse(int Status, string? ETag, int HeadBytes, long WireBytes, long BodyLength, int Kept, bool Truncated, bool KeepAlive);
