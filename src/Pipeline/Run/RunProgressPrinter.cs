using System.Diagnostics;
using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Progress of <c>hlfp run</c> on stderr: on a terminal one line redrawn in place (a bar, windows, simulated ms per
/// wall s, events, ETA) at most 10 times a second; otherwise a plain line every <c>lineInterval</c> and at the end.
/// Thread-safe.
/// </summary>
public sealed class RunProgressPrinter(TextWriter writer, bool isTerminal, TimeSpan lineInterval) : IProgress<GraphProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private TimeSpan _last = TimeSpan.MinValue;

    /// <summary>Announces the cell-building phase.</summary>
    public void Building(int cells, int batches)
    {
        lock (_lock)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"building {cells} cells in {batches} batches …"));
            writer.Flush();
        }
    }

    public void Report(GraphProgress value)
    {
        lock (_lock)
        {
            var now = _clock.Elapsed;
            var done = value.WindowsDone >= value.WindowCount;
            var interval = isTerminal ? TimeSpan.FromMilliseconds(100) : lineInterval;
            if (!done && _last != TimeSpan.MinValue && now - _last < interval)
            {
                return;
            }

            _last = now;
            var line = RunProgressReporter.Format(value, now);
            if (isTerminal)
            {
                const int width = 24;
                var filled = value.WindowCount > 0 ? (int)((long)width * value.WindowsDone / value.WindowCount) : width;
                writer.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {line}\u001b[K");
                if (done)
                {
                    writer.WriteLine();
                }
            }
            else
            {
                writer.WriteLine(line);
            }

            writer.Flush();
        }
    }
}
