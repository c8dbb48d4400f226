using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Spikes.Live;

/// <summary>Options for following a file that is still being written.</summary>
public sealed record GrowingFileOptions
{
    /// <summary>How often to look for new data when none is there.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The stream ends when the file has not grown for this long (the writer closed or stalled).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A line that ends the stream (compared after trimming).</summary>
    public string EndMarker { get; init; } = "# end";
}

/// <summary>
/// Follows a NEST 3 ASCII <c>.dat</c> file (or NEST 2 <c>.gdf</c>) while NEST writes it: only complete lines are
/// read; after each batch the watermark is the time of the last complete spike line (NEST writes each file in time
/// order), so every earlier spike is released. The stream ends at <see cref="GrowingFileOptions.EndMarker"/> or when
/// the file stops growing for <see cref="GrowingFileOptions.IdleTimeout"/>. Populations come from a ranges file beside
/// it, if any. A spike earlier than the last watermark is a malformed line.
/// </summary>
public sealed class GrowingDatFileSource : ISpikeSource
{
    private readonly string _path;
    private readonly SpikeReaderOptions _options;
    private readonly GrowingFileOptions _follow;
    private readonly NestPopulationRanges? _ranges;

    public GrowingDatFileSource(string path, SpikeReaderOptions options, GrowingFileOptions? follow = null)
    {
        _path = path;
        _options = options;
        _follow = follow ?? new GrowingFileOptions();
        _ranges = NestPopulationRanges.FindBeside(path, options.NestPopulationNames);
        Populations = _ranges is null ? new SpikePopulationTable([NestTextBatchReader.AllPopulation]) : new SpikePopulationTable(_ranges.Names);
    }

    public string Name => _path;

    public bool IsLive => true;

    public SpikePopulationTable Populations { get; }

    public async IAsyncEnumerable<SpikeChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
        var kernel = new LiveSpikeKernel(_path, _options, LineSpikeSource.DefaultMaxPending);
        var buffer = new byte[1 << 16];
        var partial = new StringBuilder();
        long lineNumber = 0;
        var lastGrowth = DateTime.UtcNow;
        bool ended = false;
        double lastTime = double.NegativeInfinity;
        bool stepOffset = false;
        while (!ended)
        {
            int n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (DateTime.UtcNow - lastGrowth > _follow.IdleTimeout)
                {
                    // The writer is gone: an unterminated last line is incomplete data, never dropped silently.
                    if (partial.ToString().Trim().Length > 0)
                    {
                        kernel.Malformed(lineNumber + 1, $"incomplete last line '{partial}' (no newline before the writer stopped)");
                    }

                    break;
                }

                await Task.Delay(_follow.PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            lastGrowth = DateTime.UtcNow;
            partial.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var text = partial.ToString();
            int lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0)
            {
                continue;
            }

            partial.Clear().Append(text, lastNewline + 1, text.Length - lastNewline - 1);
            foreach (var raw in text[..lastNewline].Split('\n'))
            {
                lineNumber++;
                var line = raw.TrimEnd('\r');
                if (line.Trim() == _follow.EndMarker)
                {
                    ended = true;
                    break;
                }

                var tokens = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length == 0 || tokens[0].StartsWith('#'))
                {
                    continue;
                }

                if (tokens is ["sender", "time_ms"])
                {
                    continue;
                }

                if (tokens is ["sender", "time_step", "time_offset"])
                {
                    stepOffset = true;
                    continue;
                }

                if (!TryParse(tokens, stepOffset, out long id, out double t))
                {
                    kernel.Malformed(lineNumber, $"expected 'sender time_ms', got '{(line.Length > 80 ? line[..80] : line)}'");
                    continue;
                }

                kernel.Add(new SpikeEvent(t, id, PopulationOf(id)), lineNumber);
                lastTime = Math.Max(lastTime, t);
            }

            if (!ended && lastTime > kernel.WatermarkMs && kernel.Advance(lastTime, lineNumber))
            {
                yield return kernel.Release(Populations, final: false);
            }
        }

        yield return kernel.Release(Populations, final: true);
    }

    private bool TryParse(string[] tokens, bool stepOffset, out long id, out double t)
    {
        t = 0;
        if (!long.TryParse(tokens[0], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id > SpikeEvent.MaxNodeId)
        {
            return false;
        }

        if (stepOffset)
        {
            return tokens.Length == 3
                && _options.NestResolutionMs is double h
                && long.TryParse(tokens[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long step)
                && double.TryParse(tokens[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double offset)
                && (t = step * h - offset) >= 0;
        }

        return tokens.Length == 2
            && double.TryParse(tokens[1], NumberStyles.Float, CultureInfo.InvariantCulture, out t)
            && double.IsFinite(t) && t >= 0;
    }

    private int PopulationOf(long id)
    {
        if (_ranges is null)
        {
            return 0;
        }

        int row = _ranges.IndexOf(id);
        return row >= 0 ? row : Populations.GetOrAdd(NestPopulationRanges.Unassigned);
    }
}
