using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>
/// Long-format CSV for small runs: <c>probe,population,channel,t_ms,value</c> (population <c>sum</c> for the total),
/// one row per value, written and flushed window by window, values in round-trip format ("R"). t_ms = sample
/// index × dt_output.
/// </summary>
public sealed class CsvSink : IWindowSink, IAsyncDisposable
{
    private readonly StreamWriter _writer;
    private readonly double _dtOutputMs;
    private readonly char[] _field = new char[64]; // one formatted number: no string per value

    public CsvSink(string path, double dtOutputMs)
    {
        _dtOutputMs = dtOutputMs;
        _writer = new StreamWriter(path, append: false) { NewLine = "\n" };
        _writer.WriteLine("probe,population,channel,t_ms,value");
    }

    public async ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken)
    {
        var n = frame.Window.SampleCount;
        for (var p = 0; p < frame.Probes.Count; p++)
        {
            for (var y = -1; y < frame.Populations.Count; y++)
            {
                var name = y < 0 ? "sum" : frame.Populations[y];
                var buffer = y < 0 ? frame.Totals[p] : frame.PopulationSums[p][y];
                for (var c = 0; c < frame.Probes[p].ChannelCount; c++)
                {
                    for (var s = 0; s < n; s++)
                    {
                        var t = (frame.Window.FirstSample + s) * _dtOutputMs;
                        _writer.Write(frame.Probes[p].Name);
                        _writer.Write(',');
                        _writer.Write(name);
                        _writer.Write(',');
                        Write(c, default);
                        _writer.Write(',');
                        Write(t, "R");
                        _writer.Write(',');
                        Write(buffer[(c * n) + s], "R");
                        _writer.WriteLine();
                    }
                }
            }
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // The same text as value.ToString(format, CultureInfo.InvariantCulture), formatted into a reused buffer.
    private void Write<T>(T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        if (!value.TryFormat(_field, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} does not fit in {_field.Length} characters");
        }

        _writer.Write(_field, 0, written);
    }

    public async ValueTask CompleteAsync(bool success) => await DisposeAsync().ConfigureAwait(false);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
