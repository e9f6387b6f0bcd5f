namespace ConformanceKit.Load.Http;

/// <summary>One connection's bytes both ways, as the raw transport sees them: a socket (<see cref="SocketChannel"/>), or
/// canned bytes in tests. A receive of 0 bytes means the peer closed its side.</summary>
internal interface IByteChannel : IDisposable
{
    ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken);
}
