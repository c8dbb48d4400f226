using System.Text;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Reads spike CSV files in file order: bmtk's space-separated <c>timestamps population node_ids</c> (header
/// required, columns in any order), or plain <c>gid,time</c> with or without a header. Recognised column names:
/// time (<c>timestamps</c>, <c>time</c>, <c>t</c>, <c>time_ms</c>, <c>times</c>), id (<c>node_ids</c>,
/// <c>node_id</c>, <c>gid</c>, <c>gids</c>, <c>sender</c>, <c>id</c>), population (<c>population</c>). Without a
/// population column every spike is in "all". Times are in ms.
/// </summary>
public sealed class CsvSpikeBatchReader : ISpikeBatchReader
{
    private readonly string _path;
    private readonly TextLineReader _lines;
    private readonly SpikeReaderOptions _options;
    private int _timeColumn = 1;
    private int _idColumn;
    private int _populationColumn = -1;
    private int _columns = 2;
    private bool? _comma;
    private bool _started;
    private int _defaultPopulation = -1;
    private byte[] _lastPopulationName = [];
    private int _lastPopulation = -1;

    public CsvSpikeBatchReader(string path, SpikePopulationTable populations, SpikeReaderOptions options)
    {
        _path = path;
        _options = options;
        Populations = populations;
        _lines = new TextLineReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan));
    }

    public SpikePopulationTable Populations { get; }

    public int Read(Span<SpikeEvent> destination)
    {
        Span<Range> fields = stackalloc Range[8];
        int written = 0;
        while (written < destination.Length && _lines.TryReadLine(out var line))
        {
            if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0 || line[0] == (byte)'#')
            {
                continue;
            }

            _comma ??= line.Contains((byte)',');
            int n = SpikeTextFields.Split(line, fields, _comma.Value);
            if (!_started)
            {
                _started = true;
                if (!SpikeTextFields.TryParseTime(line[fields[0]], out _))
                {
                    ReadHeader(line, fields, n);
                    continue;
                }
            }

            if (n != _columns)
            {
                Malformed($"expected {_columns} columns, got {n}");
                continue;
            }

            if (!SpikeTextFields.TryParseId(line[fields[_idColumn]], out long id) || id < 0 || id > SpikeEvent.MaxNodeId)
            {
                Malformed($"expected an integer node id in [0, 2^48) in column {_idColumn + 1}, got '{Text(line[fields[_idColumn]])}'");
                continue;
            }

            if (!SpikeTextFields.TryParseTime(line[fields[_timeColumn]], out double t))
            {
                Malformed($"expected a spike time (ms) in column {_timeColumn + 1}, got '{Text(line[fields[_timeColumn]])}'");
                continue;
            }

            if (t < 0)
            {
                Malformed($"spike time {t} ms is negative");
                continue;
            }

            int population = _populationColumn >= 0 ? PopulationOf(line[fields[_populationColumn]]) : DefaultPopulation();
            destination[written++] = new SpikeEvent(t, id, population);
        }

        return written;
    }

    private int DefaultPopulation()
    {
        if (_defaultPopulation < 0)
        {
            _defaultPopulation = Populations.GetOrAdd(NestTextBatchReader.AllPopulation);
        }

        return _defaultPopulation;
    }

    private int PopulationOf(ReadOnlySpan<byte> name)
    {
        if (_lastPopulation >= 0 && name.SequenceEqual(_lastPopulationName))
        {
            return _lastPopulation;
        }

        _lastPopulationName = name.ToArray();
        _lastPopulation = Populations.GetOrAdd(Encoding.UTF8.GetString(name));
        return _lastPopulation;
    }

    private void ReadHeader(ReadOnlySpan<byte> line, Span<Range> fields, int n)
    {
        _timeColumn = _idColumn = _populationColumn = -1;
        _columns = n;
        for (int i = 0; i < Math.Min(n, fields.Length); i++)
        {
            var name = Text(line[fields[i]]).Trim('"').ToLowerInvariant();
            switch (name)
            {
                case "timestamps" or "time" or "t" or "time_ms" or "times":
                    _timeColumn = i;
                    break;
                case "node_ids" or "node_id" or "gid" or "gids" or "sender" or "id" or "senders":
                    _idColumn = i;
                    break;
                case "population" or "populations":
                    _populationColumn = i;
                    break;
            }
        }

        if (_timeColumn < 0 || _idColumn < 0)
        {
            throw new InputException(_path, $"header '{Text(line)}' names no time column (timestamps/time) or no id column (node_ids/gid)", (int)_lines.LineNumber);
        }
    }

    private static string Text(ReadOnlySpan<byte> bytes) => TextLineReader.Preview(bytes);

    private void Malformed(string message) => _options.ReportMalformed(_path, _lines.LineNumber, message);

    public void Dispose() => _lines.Dispose();
}
