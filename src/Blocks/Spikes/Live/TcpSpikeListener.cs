using System.Net;
using System.Net.Sockets;

namespace HybridLfp.Streaming.Blocks.Spikes.Live;

/// <summary>
/// A TCP listener bound to 127.0.0.1 only (never another interface) that hands out the first connection as a text
/// reader for <see cref="LineSpikeSource"/>. Dispose stops listening.
/// </summary>
public sealed class TcpSpikeListener : IDisposable
{
    private readonly TcpListener _listener;

    public TcpSpikeListener(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start(1);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary>Waits for one client and returns a reader over its stream (the reader owns the connection).</summary>
    public async Task<TextReader> AcceptReaderAsync(CancellationToken cancellationToken)
    {
        var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
        return new StreamReader(new NetworkStream(client.Client, ownsSocket: true));
    }

    public void Dispose() => _listener.Stop();
}
