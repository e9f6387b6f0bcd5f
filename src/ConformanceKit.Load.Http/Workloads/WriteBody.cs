using System.Buffers.Text;
using System.Text;

namespace ConformanceKit.Load.Http;

/// <summary>
/// A writer's request body, built in a buffer the user reuses: <c>{"counter":N,"by":"u0007","seq":K,"edit":DOC}</c>
/// (the counter only for read-modify-write increments). The user and its sequence number make every write's content
/// unique, as the history checker needs; DOC is a pooled generated document.
/// </summary>
internal sealed class WriteBody
{
    private static readonly byte[] CounterStart = Encoding.UTF8.GetBytes("{\"counter\":");
    private static readonly byte[] ByStart = Encoding.UTF8.GetBytes("\"by\":\"");
    private static readonly byte[] SeqStart = Encoding.UTF8.GetBytes("\",\"seq\":");
    private static readonly byte[] EditStart = Encoding.UTF8.GetBytes(",\"edit\":");

    private readonly byte[] user;
    private byte[] buffer = new byte[4096];
    private int length;

    public WriteBody(string userName) => user = Encoding.UTF8.GetBytes(userName);

    public ArraySegment<byte> Content => new(buffer, 0, length);

    public ArraySegment<byte> Build(long? counter, long sequence, ReadOnlySpan<byte> document)
    {
        length = 0;
        if (counter is { } value)
        {
            Append(CounterStart);
            AppendNumber(value);
            Append(","u8);
        }
        else
        {
            Append("{"u8);
        }

        Append(ByStart);
        Append(user);
        Append(SeqStart);
        AppendNumber(sequence);
        Append(EditStart);
        Append(document);
        Append("}"u8);
        return Content;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void AppendNumber(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, buffer.AsSpan(length), out var written);
        length += written;
    }

    private void Ensure(int more)
    {
        if (length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
    }
}
