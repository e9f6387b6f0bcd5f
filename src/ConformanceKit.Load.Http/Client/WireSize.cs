namespace ConformanceKit.Load.Http;

/// <summary>
/// Byte counts of a request's and a response's head as HTTP/1.1 would write them (<c>NAME: VALUE\r\n</c> per field,
/// the request or status line, the blank line). The handler does not report what crossed the wire, so these are
/// estimates from the fields it parsed; they count what a 304 costs against the 200 it stands for.
/// </summary>
internal static class WireSize
{
    /// <summary><c>METHOD /path?query HTTP/1.1\r\n</c> and <c>Host: authority\r\n</c>.</summary>
    public static int RequestLine(HttpMethod method, Uri url) =>
        method.Method.Length + 1 + url.PathAndQuery.Length + " HTTP/1.1\r\n".Length + "Host: ".Length + url.Authority.Length + 2;

    public static int ContentLengthLine(int length) => "Content-Length: ".Length + Digits(length) + 2;

    /// <summary>The status line, every header and content header field, and the blank line.</summary>
    public static long ResponseHead(HttpResponseMessage response)
    {
        long size = "HTTP/1.1 200 ".Length + (response.ReasonPhrase?.Length ?? 0) + 2 + 2;
        foreach (var header in response.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                size += header.Key.Length + value.Length + 4;
            }
        }

        foreach (var header in response.Content.Headers.NonValidated)
        {
            foreach (var value in header.Value)
            {
                size += header.Key.Length + value.Length + 4;
            }
        }

        return size;
    }

    private static int Digits(int value) => value < 10 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;
}
