using System.Diagnostics;
using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Prints graph progress as one updating line (windows done, simulated ms per wall s, ETA) to a writer, at most
/// every <c>minInterval</c>, and always the final window. Thread-safe (reports may come from any thread).
/// </summary>
public sealed class RunProgressReporter : IProgress<GraphProgress>
{
    private readonly TextWriter _writer;
    private readonly TimeSpan _minInterval;
    private readonly Func<TimeSpan> _clock;
    private readonly Lock _lock = new();
    private TimeSpan _lastPrinted = TimeSpan.MinValue;

    /// <param name="writer">where to print (e.g. Console.Error).</param>
    /// <param name="minInterval">minimum time between lines.</param>
    /// <param name="clock">elapsed wall time since the start (injectable for tests); default a stopwatch started now.</param>
    public RunProgressReporter(TextWriter writer, TimeSpan minInterval, Func<TimeSpan>? clock = null)
    {
        _writer = writer;
        _minInterval = minInterval;
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed;
        }

        _clock = clock;
    }

    public void Report(GraphProgress value)
    {
        lock (_lock)
        {
            var now = _clock();
            var last = value.WindowsDone >= value.WindowCount;
            if (!last && _lastPrinted != TimeSpan.MinValue && now - _lastPrinted < _minInterval)
            {
                return;
            }

            _lastPrinted = now;
            _writer.Write('\r');
            _writer.Write(Format(value, now));
            if (last)
            {
                _writer.WriteLine();
            }

            _writer.Flush();
        }
    }

    /// <summary>The progress line: windows, simulated time, speed and ETA.</summary>
    public static string Format(GraphProgress p, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? p.SimulatedMs / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.TstopMs - p.SimulatedMs) / rate) : (TimeSpan?)null;
        var percent = p.WindowCount > 0 ? 100.0 * p.WindowsDone / p.WindowCount : 100;
        return string.Create(CultureInfo.InvariantCulture,
            $"windows {p.WindowsDone}/{p.WindowCount} ({percent:F0} %), {p.SimulatedMs:F1}/{p.TstopMs:F1} ms, " +
            $"{rate:F1} ms/s, {p.Events} events, ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}");
    }
}
