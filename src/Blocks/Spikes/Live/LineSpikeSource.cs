using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes.Live;

/// <summary>
/// Live spikes over a line protocol, from stdin, a named pipe or a TCP connection on the loopback interface:
/// <code>
/// GID TIME_MS [POPULATION]   one spike (population "all" when omitted)
/// watermark TIME_MS          no spike earlier than TIME_MS will follow
/// end                        end of stream (closing the connection ends it too)
/// # …                        comment
/// </code>
/// Spikes between watermarks may come in any order; they are released sorted when a watermark passes them. Each
/// watermark line yields a chunk (possibly empty) carrying it. Malformed lines are reported with their line number and
/// stop the stream or are skipped and counted, per <see cref="SpikeReaderOptions.MalformedLines"/>.
/// </summary>
public sealed class LineSpikeSource : ISpikeSource
{
    /// <summary>Default most spikes held between two watermarks.</summary>
    public const int DefaultMaxPending = 1 << 22;

    private readonly Func<CancellationToken, Task<TextReader>> _open;
    private readonly SpikeReaderOptions _options;
    private readonly int _maxPending;

    public LineSpikeSource(string name, Func<CancellationToken, Task<TextReader>> open, SpikeReaderOptions options, int maxPending = DefaultMaxPending)
    {
        Name = name;
        _open = open;
        _options = options;
        _maxPending = maxPending;
    }

    public string Name { get; }

    public bool IsLive => true;

    public SpikePopulationTable Populations { get; } = new();

    /// <summary>Reads the protocol from standard input.</summary>
    public static LineSpikeSource FromStdin(SpikeReaderOptions options)
        => new("stdin", _ => Task.FromResult<TextReader>(Console.In), options);

    /// <summary>Reads from a named pipe (FIFO); opening waits until a writer opens it.</summary>
    public static LineSpikeSource FromNamedPipe(string path, SpikeReaderOptions options)
        => new(path, async ct =>
        {
            await Task.Yield();
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous));
        }, options);

    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/> (0 = any free port, see <see cref="TcpSpikeListener.Port"/>) and
    /// reads the protocol from the first connection. Only the loopback interface is ever bound.
    /// </summary>
    public static (LineSpikeSource Source, TcpSpikeListener Listener) ListenTcp(int port, SpikeReaderOptions options)
    {
        var listener = new TcpSpikeListener(port);
        var source = new LineSpikeSource($"tcp://127.0.0.1:{listener.Port}", listener.AcceptReaderAsync, options);
        return (source, listener);
    }

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = await _open(cancellationToken).ConfigureAwait(false);
        var kernel = new LiveSpikeKernel(Name, _options, _maxPending);
        int all = -1;
        long lineNumber = 0;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            lineNumber++;
            var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens[0].StartsWith('#'))
            {
                continue;
            }

            if (tokens[0] == "end" && tokens.Length == 1)
            {
                break;
            }

            if (tokens[0] == "watermark")
            {
                if (tokens.Length == 2 && TryTime(tokens[1], out double w))
                {
                    if (kernel.Advance(w, lineNumber))
                    {
                        yield return kernel.Release(Populations, final: false);
                    }
                }
                else
                {
                    kernel.Malformed(lineNumber, $"expected 'watermark TIME_MS', got '{Shorten(line)}'");
                }

                continue;
            }

            if (tokens.Length is < 2 or > 3
                || !long.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id)
                || id > SpikeEvent.MaxNodeId
                || !TryTime(tokens[1], out double t))
            {
                kernel.Malformed(lineNumber, $"expected 'GID TIME_MS [POPULATION]', 'watermark TIME_MS' or 'end', got '{Shorten(line)}'");
                continue;
            }

            int population = tokens.Length == 3 ? Populations.GetOrAdd(tokens[2]) : (all >= 0 ? all : all = Populations.GetOrAdd("all"));
            kernel.Add(new SpikeEvent(t, id, population), lineNumber);
        }

        yield return kernel.Release(Populations, final: true);
    }

    private static bool TryTime(string text, out double t)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out t) && double.IsFinite(t) && t >= 0;

    private static string Shorten(string line) => line.Length > 80 ? line[..80] + "…" : line;
}
