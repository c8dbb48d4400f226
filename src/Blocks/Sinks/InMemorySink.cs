using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>
/// Collects every sample of every probe, population and total in memory, as [channel][sample] arrays. For tests and
/// small embedded runs only: its memory grows with the simulated duration (the only sink that does).
/// </summary>
public sealed class InMemorySink : IWindowSink
{
    private readonly List<List<double>[]>[] _populations;
    private readonly List<double>[][] _totals;
    private readonly IReadOnlyList<ProbeLayout> _probes;

    public int WindowsReceived { get; private set; }

    public bool Completed { get; private set; }

    public bool? Succeeded { get; private set; }

    public InMemorySink(IReadOnlyList<ProbeLayout> probes, int populationCount)
    {
        _probes = probes;
        _populations = probes.Select(p => Enumerable.Range(0, populationCount)
            .Select(_ => Enumerable.Range(0, p.ChannelCount).Select(_ => new List<double>()).ToArray()).ToList()).ToArray();
        _totals = probes.Select(p => Enumerable.Range(0, p.ChannelCount).Select(_ => new List<double>()).ToArray()).ToArray();
    }

    public ValueTask WriteAsync(WindowFrame frame, CancellationToken cancellationToken)
    {
        var n = frame.Window.SampleCount;
        for (var p = 0; p < _probes.Count; p++)
        {
            for (var c = 0; c < _probes[p].ChannelCount; c++)
            {
                for (var y = 0; y < _populations[p].Count; y++)
                {
                    _populations[p][y][c].AddRange(frame.PopulationSums[p][y].AsSpan(c * n, n));
                }

                _totals[p][c].AddRange(frame.Totals[p].AsSpan(c * n, n));
            }
        }

        WindowsReceived++;
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(bool success)
    {
        Completed = true;
        Succeeded = success;
        return ValueTask.CompletedTask;
    }

    /// <summary>Signal [channel][sample] of a population (index) for a probe.</summary>
    public double[][] Population(int probe, int population) => _populations[probe][population].Select(l => l.ToArray()).ToArray();

    /// <summary>Total [channel][sample] for a probe.</summary>
    public double[][] Total(int probe) => _totals[probe].Select(l => l.ToArray()).ToArray();
}
