using System.Globalization;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Writes a NEST 3 ASCII-backend (v2) style <c>.dat</c> file: the two header lines, the column line
/// <c>sender	time_ms</c>, then one "gid	time" line per spike. By default times are written in shortest round-trip
/// form so reading back is exact; with <c>decimals</c> they are rounded like NEST's own output (3 decimals), which
/// loses precision. The format has no population column.
/// </summary>
public sealed class NestDatSpikeWriter : ISpikeWriter
{
    private readonly string _timeFormat;
    private StreamWriter? _writer;

    /// <param name="path">Output file.</param>
    /// <param name="decimals">Fixed decimals for times (NEST uses 3); null = exact round-trip form.</param>
    public NestDatSpikeWriter(string path, int? decimals = null)
    {
        _timeFormat = decimals is int d ? "F" + d.ToString(CultureInfo.InvariantCulture) : "R";
        _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _writer.WriteLine("# NEST version: hlfp");
        _writer.WriteLine("# RecordingBackendASCII version: 2");
        _writer.WriteLine("sender\ttime_ms");
    }

    public void Write(SpikeChunk chunk)
    {
        var writer = _writer ?? throw new ObjectDisposedException(nameof(NestDatSpikeWriter));
        Span<char> buffer = stackalloc char[64];
        foreach (ref readonly var spike in chunk.Spikes)
        {
            spike.NodeId.TryFormat(buffer, out int n, default, CultureInfo.InvariantCulture);
            buffer[n++] = '\t';
            spike.TimeMs.TryFormat(buffer[n..], out int m, _timeFormat, CultureInfo.InvariantCulture);
            n += m;
            buffer[n++] = '\n';
            writer.Write(buffer[..n]);
        }
    }

    public void Complete() => Dispose();

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
