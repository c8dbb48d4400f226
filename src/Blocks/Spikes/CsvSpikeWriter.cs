using System.Globalization;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Writes bmtk's spike CSV: header <c>timestamps population node_ids</c>, space-separated, times (ms) in shortest
/// round-trip form so reading back is exact.
/// </summary>
public sealed class CsvSpikeWriter : ISpikeWriter
{
    private StreamWriter? _writer;

    public CsvSpikeWriter(string path)
    {
        _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        _writer.WriteLine("timestamps population node_ids");
    }

    public void Write(SpikeChunk chunk)
    {
        var writer = _writer ?? throw new ObjectDisposedException(nameof(CsvSpikeWriter));
        Span<char> buffer = stackalloc char[64];
        int lastPopulation = -1;
        string name = string.Empty;
        foreach (ref readonly var spike in chunk.Spikes)
        {
            if (spike.Population != lastPopulation)
            {
                lastPopulation = spike.Population;
                name = chunk.Populations[spike.Population];
            }

            spike.TimeMs.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
            writer.Write(buffer[..n]);
            writer.Write(' ');
            writer.Write(name);
            writer.Write(' ');
            spike.NodeId.TryFormat(buffer, out n, default, CultureInfo.InvariantCulture);
            writer.Write(buffer[..n]);
            writer.Write('\n');
        }
    }

    public void Complete() => Dispose();

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }
}
