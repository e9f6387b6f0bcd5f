using System.Text;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Tests.Load.Http.Transport;

/// <summary>A connection that answers with canned bytes, delivered in the given pieces (one receive each, cut to the
/// reader's buffer when larger), then closes (a receive of 0), or hangs when told to (a server that never answers).
/// It keeps what was sent to it.</summary>
internal sealed class ScriptedChannel : IByteChannel
{
    private readonly Queue<byte[]> pieces;
    private readonly bool hang;
    private readonly TaskCompletionSource disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? current;
    private int offset;

    public ScriptedChannel(IEnumerable<byte[]> pieces, bool hangAtEnd = false)
    {
        this.pieces = new Queue<byte[]>(pieces);
        hang = hangAtEnd;
    }

    public MemoryStream Sent { get; } = new();

    public bool IsDisposed => disposed.Task.IsCompleted;

    public string SentText => Encoding.Latin1.GetString(Sent.ToArray());

    /// <summary>The text delivered in one piece.</summary>
    public static ScriptedChannel Of(string text) => new([Encoding.Latin1.GetBytes(text)]);

    /// <summary>The text delivered one byte per receive.</summary>
    public static ScriptedChannel ByteByByte(string text) => new(Encoding.Latin1.GetBytes(text).Select(b => new[] { b }));

    /// <summary>The text cut at <paramref name="cuts"/> (offsets, ascending).</summary>
    public static ScriptedChannel Split(string text, params int[] cuts)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var bounds = cuts.Prepend(0).Append(bytes.Length).ToArray();
        return new(bounds.Zip(bounds.Skip(1)).Select(b => bytes[b.First..b.Second]));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Sent.Write(bytes.Span);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (current is null || offset == current.Length)
        {
            if (!pieces.TryDequeue(out current))
            {
                if (!hang)
                {
                    return 0;
                }

                await disposed.Task.WaitAsync(cancellationToken);
                throw new ObjectDisposedException(nameof(ScriptedChannel));
            }

            offset = 0;
        }

        var count = Math.Min(into.Length, current.Length - offset);
        current.AsMemory(offset, count).CopyTo(into);
        offset += count;
        return count;
    }

    public void Dispose() => disposed.TrySetResult();
}
