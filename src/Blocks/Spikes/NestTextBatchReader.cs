using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Reads one NEST spike file in file order: NEST 2 <c>.gdf</c> (no header, "gid	time" with an optional trailing tab)
/// or NEST 3 <c>.dat</c> (ASCII backend v2: <c># …</c> header lines, then a column line <c>sender	time_ms</c> or
/// <c>sender	time_step	time_offset</c>). Step/offset times become <c>step × resolution − offset</c> (ms).
/// Populations come from <see cref="NestPopulationRanges"/> when given, else every spike is in "all".
/// </summary>
public sealed class NestTextBatchReader : ISpikeBatchReader
{
    /// <summary>Population name used when no ranges file is known.</summary>
    public const string AllPopulation = "all";

    private readonly string _path;
    private readonly TextLineReader _lines;
    private readonly SpikeReaderOptions _options;
    private readonly int[] _rangeToPopulation;
    private readonly NestPopulationRanges? _ranges;
    private readonly int _allPopulation;
    private int _unassigned = -1;
    private Layout _layout = Layout.Unknown;
    private bool _sawData;

    private enum Layout
    {
        Unknown,
        TimeMs,
        StepOffset,
    }

    public NestTextBatchReader(string path, NestPopulationRanges? ranges, SpikePopulationTable populations, SpikeReaderOptions options)
    {
        _path = path;
        _options = options;
        _ranges = ranges;
        Populations = populations;
        _lines = new TextLineReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan));
        if (ranges is null)
        {
            _rangeToPopulation = [];
            _allPopulation = populations.GetOrAdd(AllPopulation);
        }
        else
        {
            _rangeToPopulation = ranges.Names.Select(populations.GetOrAdd).ToArray();
            _allPopulation = -1;
        }
    }

    public SpikePopulationTable Populations { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Read(Span<SpikeEvent> destination)
    {
        Span<Range> fields = stackalloc Range[4];
        int written = 0;
        while (written < destination.Length)
        {
            if (_layout != Layout.StepOffset)
            {
                written += ReadPlainLines(destination[written..]);
                if (written == destination.Length)
                {
                    break;
                }
            }

            // One line the bulk path could not take (header, column line, odd format, end of buffer, bad line).
            if (!_lines.TryReadLine(out var line))
            {
                break;
            }

            // Fast path for the common "gid<TAB>time[<TAB>]" line; anything else takes the general path below.
            if (_layout != Layout.StepOffset && SpikeTextFields.TryParseIdTimeLine(line, out long fastGid, out double fastT) && fastGid <= SpikeEvent.MaxNodeId)
            {
                _sawData = true;
                destination[written++] = new SpikeEvent(fastT, fastGid, PopulationOf(fastGid));
                continue;
            }

            if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            {
                continue;
            }

            if (line[0] == (byte)'#')
            {
                continue;
            }

            int n = SpikeTextFields.Split(line, fields, comma: false);
            var first = line[fields[0]];
            if (!SpikeTextFields.TryParseId(first, out long gid))
            {
                if (!_sawData && _layout == Layout.Unknown && IsLetter(first[0]))
                {
                    ReadColumnLine(line, fields, n);
                    continue;
                }

                Malformed($"expected a node id (integer) in column 1, got '{Text(first)}'");
                continue;
            }

            if (gid < 0 || gid > SpikeEvent.MaxNodeId)
            {
                Malformed($"node id {gid} is outside [0, {SpikeEvent.MaxNodeId}]");
                continue;
            }

            double t;
            if (_layout == Layout.StepOffset || (_layout == Layout.Unknown && n == 3))
            {
                if (n != 3)
                {
                    Malformed($"expected 3 columns (sender, time_step, time_offset), got {n}");
                    continue;
                }

                double resolution = _options.NestResolutionMs
                    ?? throw new InputException(_path, "times are stored as time_step/time_offset; give the simulation resolution (ms) to convert them", (int)_lines.LineNumber);
                if (!SpikeTextFields.TryParseId(line[fields[1]], out long step) || !SpikeTextFields.TryParseTime(line[fields[2]], out double offset))
                {
                    Malformed($"expected an integer time step and a time offset (ms), got '{Text(line)}'");
                    continue;
                }

                t = step * resolution - offset;
            }
            else
            {
                if (n != 2)
                {
                    Malformed($"expected 2 columns (node id, time in ms), got {n}");
                    continue;
                }

                if (!SpikeTextFields.TryParseTime(line[fields[1]], out t))
                {
                    Malformed($"expected a spike time (ms) in column 2, got '{Text(line[fields[1]])}'");
                    continue;
                }
            }

            if (t < 0)
            {
                Malformed($"spike time {t} ms is negative");
                continue;
            }

            _sawData = true;
            destination[written++] = new SpikeEvent(t, gid, PopulationOf(gid));
        }

        return written;
    }

    /// <summary>
    /// Bulk path: parses complete "gid&lt;blanks&gt;time[&lt;blanks&gt;][\r]\n" lines straight from the line reader's
    /// buffer (no line splitting, no span per line) and stops at the first line of any other shape, at an incomplete
    /// last line, or when <paramref name="destination"/> is full. Accepts exactly what
    /// <see cref="SpikeTextFields.TryParseIdTimeLine"/> accepts: 1–18 id digits (at most <see cref="SpikeEvent.MaxNodeId"/>),
    /// a plain decimal time of 1–15 digits, converted with one correctly rounded division.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadPlainLines(Span<SpikeEvent> destination)
    {
        var buffer = _lines.Buffered;
        int position = 0;
        int written = 0;
        while (written < destination.Length)
        {
            int i = position;
            long gid = 0;
            while (i < buffer.Length && (uint)(buffer[i] - '0') <= 9)
            {
                gid = gid * 10 + (buffer[i] - '0');
                i++;
            }

            int idDigits = i - position;
            if (idDigits is 0 or > 18 || gid > SpikeEvent.MaxNodeId || i >= buffer.Length || (buffer[i] != (byte)'\t' && buffer[i] != (byte)' '))
            {
                break;
            }

            do
            {
                i++;
            }
            while (i < buffer.Length && (buffer[i] == (byte)'\t' || buffer[i] == (byte)' '));

            long mantissa = 0;
            int digits = 0;
            int fraction = -1;
            for (; i < buffer.Length; i++)
            {
                uint d = (uint)(buffer[i] - '0');
                if (d <= 9)
                {
                    mantissa = mantissa * 10 + d;
                    digits++;
                    if (fraction >= 0)
                    {
                        fraction++;
                    }
                }
                else if (buffer[i] == (byte)'.' && fraction < 0)
                {
                    fraction = 0;
                }
                else
                {
                    break;
                }
            }

            while (i < buffer.Length && (buffer[i] == (byte)'\t' || buffer[i] == (byte)' '))
            {
                i++;
            }

            // Terminator "\n" or "\r\n", as TryReadLine strips it.
            if (i < buffer.Length && buffer[i] == (byte)'\r')
            {
                i++;
            }

            if (digits is 0 or > 15 || i >= buffer.Length || buffer[i] != (byte)'\n')
            {
                break;
            }

            double t = fraction > 0 ? mantissa / s_powersOfTen[fraction] : mantissa;
            destination[written++] = new SpikeEvent(t, gid, PopulationOf(gid));
            position = i + 1;
        }

        if (written > 0)
        {
            _sawData = true;
            _lines.Consume(position, written);
        }

        return written;
    }

    private static readonly double[] s_powersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int PopulationOf(long gid)
    {
        if (_ranges is null)
        {
            return _allPopulation;
        }

        int row = _ranges.IndexOf(gid);
        if (row >= 0)
        {
            return _rangeToPopulation[row];
        }

        if (_unassigned < 0)
        {
            _unassigned = Populations.GetOrAdd(NestPopulationRanges.Unassigned);
        }

        return _unassigned;
    }

    private void ReadColumnLine(ReadOnlySpan<byte> line, Span<Range> fields, int n)
    {
        var names = new string[Math.Min(n, fields.Length)];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = Text(line[fields[i]]);
        }

        if (names is ["sender", "time_ms"])
        {
            _layout = Layout.TimeMs;
        }
        else if (names is ["sender", "time_step", "time_offset"])
        {
            _layout = Layout.StepOffset;
        }
        else
        {
            throw new InputException(_path, $"unknown column line '{Text(line)}'; expected 'sender\ttime_ms' or 'sender\ttime_step\ttime_offset'", (int)_lines.LineNumber);
        }
    }

    private static bool IsLetter(byte b) => (b | 0x20) is >= (byte)'a' and <= (byte)'z';

    private static string Text(ReadOnlySpan<byte> bytes) => TextLineReader.Preview(bytes);

    private void Malformed(string message) => _options.ReportMalformed(_path, _lines.LineNumber, message);

    public void Dispose() => _lines.Dispose();
}
