using System.Buffers;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Reads a text file line by line as UTF-8 byte spans without allocating per line. A final line without a newline
/// is returned too. Lines longer than the buffer grow it. Threading: one thread.
/// </summary>
internal sealed class TextLineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public TextLineReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>The first 80 bytes of a line as text, for error messages.</summary>
    public static string Preview(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes.Length > 80 ? bytes[..80] : bytes);

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The buffered bytes not yet returned as lines (may end inside a line). See <see cref="Consume"/>.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Marks the first <paramref name="bytes"/> of <see cref="Buffered"/>, which hold <paramref name="lines"/>
    /// complete lines with their terminators, as read (for callers that parse lines straight from the buffer).</summary>
    public void Consume(int bytes, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bytes, (uint)(_end - _start), nameof(bytes));
        _start += bytes;
        LineNumber += lines;
    }

    /// <summary>Next line without its terminator ("\n" or "\r\n"); false at the end of the file.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
        => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, larger, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    public void Dispose()
    {
        _stream.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
