using System.Globalization;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The bytes of one HTTP/1.1 request as the raw transport sends them: the request line (origin form), Host, the
/// target's extra fields, an optional precondition field, and for a body Content-Type and Content-Length, then the
/// body. Field values must be single-line Latin-1 text (a CR, LF or NUL, or a character above U+00FF, is refused with
/// an <see cref="ArgumentException"/> naming the field: it would split the request). The buffer is reused: the bytes
/// are valid until the next <see cref="Build"/>, and a request equal to the last one is not built again.
/// </summary>
internal sealed class RawRequest
{
    private readonly KeyValuePair<string, string>[] headers;
    private byte[] buffer = new byte[1024];
    private (string Method, Uri Url, string? Name, string? Value, int BodyLength, string? ContentType) last;

    public RawRequest(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        this.headers = [.. headers];
        foreach (var (name, value) in this.headers)
        {
            Check(name, value);
        }
    }

    /// <summary>The bytes of the request last built.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>Builds the request (or keeps the last one when it is the same head and has no body) and returns its bytes.</summary>
    public ReadOnlyMemory<byte> Build(string method, Uri url, string? conditionName, string? conditionValue, ReadOnlySpan<byte> body, string? contentType)
    {
        var key = (method, url, conditionName, conditionValue, body.Length, contentType);
        if (body.IsEmpty && contentType is null && Bytes.Length > 0 && SameHead(key))
        {
            return Bytes;
        }

        if (conditionName is not null)
        {
            Check(conditionName, conditionValue ?? "");
        }

        var length = 0;
        Append(ref length, method);
        Append(ref length, " ");
        Append(ref length, url.PathAndQuery.Length == 0 ? "/" : url.PathAndQuery);
        Append(ref length, " HTTP/1.1\r\nHost: ");
        Append(ref length, HostField(url));
        Append(ref length, "\r\n");
        foreach (var (name, value) in headers)
        {
            Field(ref length, name, value);
        }

        if (conditionName is not null)
        {
            Field(ref length, conditionName, conditionValue ?? "");
        }

        if (contentType is not null)
        {
            Check("Content-Type", contentType);
            Field(ref length, "Content-Type", contentType);
        }

        if (contentType is not null || !body.IsEmpty || method is "PUT" or "POST" or "PATCH")
        {
            Field(ref length, "Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        }

        Append(ref length, "\r\n");
        Ensure(length + body.Length);
        body.CopyTo(buffer.AsSpan(length));
        length += body.Length;
        last = key;
        Bytes = buffer.AsMemory(0, length);
        return Bytes;
    }

    /// <summary><c>host[:port]</c> as the Host field carries it (the port left out when it is the scheme's default).</summary>
    public static string HostField(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.HostNameType == UriHostNameType.Dns ? url.IdnHost : url.Host;
        return url.IsDefaultPort ? host : host + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
    }

    private bool SameHead((string Method, Uri Url, string? Name, string? Value, int BodyLength, string? ContentType) key) =>
        ReferenceEquals(key.Method, last.Method) && ReferenceEquals(key.Url, last.Url) && ReferenceEquals(key.Name, last.Name)
        && string.Equals(key.Value, last.Value, StringComparison.Ordinal) && last.BodyLength == 0 && last.ContentType is null;

    private static void Check(string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7F || c == ':'))
        {
            throw new ArgumentException($"'{name}' is not a header field name", nameof(name));
        }

        if (value.Any(c => c is '\r' or '\n' or '\0' || c > '\u00FF'))
        {
            throw new ArgumentException($"the value of {name} holds a line break, a NUL or a character above U+00FF", nameof(value));
        }
    }

    private void Field(ref int length, string name, string value)
    {
        Append(ref length, name);
        Append(ref length, ": ");
        Append(ref length, value);
        Append(ref length, "\r\n");
    }

    private void Append(ref int length, string text)
    {
        Ensure(length + text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            buffer[length + i] = (byte)text[i];
        }

        length += text.Length;
    }

    private void Ensure(int size)
    {
        if (size > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(size, buffer.Length * 2));
        }
    }
}
