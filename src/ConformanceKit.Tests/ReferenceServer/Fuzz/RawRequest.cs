using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Tests.ReferenceServer.Fuzz;

/// <summary>One generated request, sent as raw bytes over its own TCP connection (HttpClient refuses control
/// characters, bare bytes above 0x7F and broken field syntax). <see cref="CurrentETag"/> in a header value
/// stands for the entity-tag the target has when the request is sent, so valid conditional writes can be
/// generated too.</summary>
internal sealed record RawRequest(string Method, string Path, IReadOnlyList<(string Name, byte[] Value)> Headers, byte[]? Body)
{
    public const string CurrentETag = "<<current-etag>>";

    /// <summary>The document this request targets (<c>/items/fz-N</c>), or null (collection, static file).</summary>
    public string? Document => Path.StartsWith("/items/fz-", StringComparison.Ordinal) ? Path : null;

    public byte[] ToBytes(string authority, string? currentETag)
    {
        using var buffer = new MemoryStream();
        void Ascii(string text) => buffer.Write(Encoding.ASCII.GetBytes(text));
        Ascii($"{Method} {Path} HTTP/1.1\r\nHost: {authority}\r\n");
        foreach (var (name, value) in Headers)
        {
            Ascii(name);
            Ascii(": ");
            buffer.Write(Fill(value, currentETag));
            Ascii("\r\n");
        }

        if (Body is not null)
        {
            Ascii($"Content-Length: {Body.Length}\r\n");
        }

        Ascii("Connection: close\r\n\r\n");
        if (Body is not null)
        {
            buffer.Write(Body);
        }

        return buffer.ToArray();
    }

    /// <summary>The bytes as a readable line: printable ASCII as is, everything else escaped; long runs cut.</summary>
    public static string Show(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var text = new StringBuilder();
        var run = 0;
        byte previous = 0;
        foreach (var b in bytes)
        {
            run = b == previous ? run + 1 : 0;
            previous = b;
            if (run == 16)
            {
                text.Append('…');
            }

            if (run >= 16)
            {
                continue;
            }

            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n\n",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        var shown = text.ToString();
        return shown.Length > 4000 ? $"{shown[..2000]} …[{bytes.Length} bytes in all]… {shown[^1000..]}" : shown;
    }

    public override string ToString() => Show(ToBytes("127.0.0.1", currentETag: null));

    /// <summary>Sends the bytes on a fresh connection and reads the answer to the end (the request asks to
    /// close); the status code, or null when the server closed without a status line.</summary>
    public static async Task<int?> SendAsync(Uri server, byte[] request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port, cancel.Token);
        try
        {
            await socket.SendAsync(request, SocketFlags.None, cancel.Token);
        }
        catch (SocketException)
        {
            // The server may answer and close before reading a huge request to the end; read what it said.
        }

        var received = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(chunk, SocketFlags.None, cancel.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(chunk, 0, read);
            }
        }
        catch (SocketException) when (received.Length > 0)
        {
            // Reset after the answer (the rest of our request was not read): the answer counts.
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)Math.Min(received.Length, 64));
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var status)
            ? status
            : null;
    }

    private static byte[] Fill(byte[] value, string? currentETag)
    {
        var marker = Encoding.ASCII.GetBytes(CurrentETag);
        var at = value.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return value;
        }

        var tag = Encoding.ASCII.GetBytes(currentETag ?? "\"none\"");
        return [.. value.AsSpan(0, at), .. tag, .. Fill(value[(at + marker.Length)..], currentETag)];
    }
}
