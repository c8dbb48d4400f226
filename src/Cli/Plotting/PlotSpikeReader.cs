using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Cli.Plotting;

/// <summary>
/// Reads one spike input of <c>hlfp plot</c> (a NEST .gdf/.dat, CSV or SONATA file, or a folder of them) with the
/// spike I/O readers (<see cref="SpikeFiles"/>) into one population held in memory (plots need every spike).
/// </summary>
internal static class PlotSpikeReader
{
    public static async Task<PopulationSpikes> ReadAsync(string path, string name, int? size, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var ids = new List<long>();
        try
        {
            var source = SpikeFiles.Open([path], SpikeReaderOptions.Default);
            await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                using (chunk)
                {
                    foreach (var spike in chunk.Spikes)
                    {
                        times.Add(spike.TimeMs);
                        ids.Add(spike.NodeId);
                    }
                }
            }
        }
        catch (InputException e) when (e.Line > 0)
        {
            var prefix = $"{e.InputName}:{e.Line}: ";
            var detail = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            throw new InputException(e.InputName, $"{detail} (spike text files hold 'gid time_ms' lines)", e.Line, e);
        }

        return new PopulationSpikes(name, [.. times], [.. ids], size);
    }
}
