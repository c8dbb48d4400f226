using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Generators;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Recipe;
using GraphSpikeChunk = HybridLfp.Streaming.Blocks.Graph.SpikeChunk;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// <see cref="ISpikeSourceFactory"/> for every recipe source kind except <see cref="SpikeSourceKind.Live"/>: files
/// (gdf, NEST dat, SONATA, CSV) through <see cref="SpikeFiles.Open"/>, Poisson generators (seeded by the recipe seed
/// and the population's index) and inline spikes. Live sources are supplied by the embedding program
/// (<see cref="LiveSpikeSourceFactory"/>). The readers' pooled chunks are copied into the graph's chunks and returned.
/// </summary>
public sealed class RecipeSpikeSourceFactory(SpikeReaderOptions? options = null) : ISpikeSourceFactory
{
    private readonly SpikeReaderOptions _options = options ?? SpikeReaderOptions.Default;

    public IAsyncEnumerable<GraphSpikeChunk> Open(RecipeDescription recipe, NetworkPopulationDescription population, CancellationToken cancellationToken)
    {
        var source = population.Source;
        switch (source.Kind)
        {
            case SpikeSourceKind.Inline:
                return InlineSpikeSource.Read(source, cancellationToken: cancellationToken);
            case SpikeSourceKind.Poisson:
            {
                var rate = source.RateHz ?? throw new InputException($"network.{population.Name}.source.rate_hz", "a Poisson source needs a rate (Hz)");
                if (population.Count > int.MaxValue)
                {
                    throw new InputException($"network.{population.Name}.count", "a generated population must have fewer than 2^31 neurons");
                }

                var index = recipe.IndexOfNetworkPopulation(population.Name);
                var generator = new PoissonSpikeGenerator(
                    [new PoissonPopulationDescription(new GeneratedPopulation(population.Name, population.FirstGid, (int)population.Count), rate)],
                    recipe.TstopMs, unchecked(recipe.Seed + (ulong)(index + 1) * 0x9E3779B97F4A7C15UL));
                return Convert(generator, null, cancellationToken);
            }

            case SpikeSourceKind.Live:
                throw new InputException($"network.{population.Name}.source", "a live source must be fed by the embedding program (LiveSpikeSourceFactory)");
            default:
                var files = SpikeFiles.Open(source.Files, _options);
                return Convert(files, source.Kind == SpikeSourceKind.Sonata ? source.SonataPopulation ?? population.Name : null, cancellationToken);
        }
    }

    // Spikes per graph chunk: its two arrays (8 bytes a spike) stay below the large-object threshold (85 000 bytes), so
    // they die young in the garbage collector's gen 0 instead of piling up on the large-object heap of a long run.
    private const int SpikesPerGraphChunk = 8192;

    /// <summary>
    /// Copies a reader's pooled chunks into graph chunks of at most 8192 spikes (keeping only
    /// <paramref name="populationName"/> when given).
    /// </summary>
    public static async IAsyncEnumerable<GraphSpikeChunk> Convert(ISpikeSource source, string? populationName,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pieces = new List<GraphSpikeChunk>();
        await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pieces.Clear();
            using (chunk)
            {
                var spikes = chunk.Spikes;
                var keep = -1;
                if (populationName is not null)
                {
                    var names = chunk.Populations.Snapshot();
                    keep = names.Count <= 1 ? -1 : IndexOf(names, populationName);
                    if (names.Count > 1 && keep < 0)
                    {
                        throw new InputException(source.Name, $"no spike population '{populationName}' in the file; it has {string.Join(", ", names)}");
                    }
                }

                var count = 0;
                var last = double.NegativeInfinity;
                foreach (var s in spikes)
                {
                    if (keep < 0 || s.Population == keep)
                    {
                        count++;
                        last = s.TimeMs;
                    }
                }

                var watermark = double.IsFinite(chunk.WatermarkMs) ? Math.Max(chunk.WatermarkMs, last) : last;
                if (count == 0)
                {
                    if (double.IsFinite(watermark))
                    {
                        pieces.Add(GraphSpikeChunk.Watermark(watermark));
                    }

                    continue;
                }

                // Every piece but the last is followed by later spikes of this source: its own last time is its watermark.
                long[]? gids = null;
                double[] times = [];
                var k = 0;
                var copied = 0;
                foreach (var s in spikes)
                {
                    if (keep >= 0 && s.Population != keep)
                    {
                        continue;
                    }

                    if (gids is null)
                    {
                        var size = Math.Min(SpikesPerGraphChunk, count - copied);
                        (gids, times, k) = (new long[size], new double[size], 0);
                    }

                    gids[k] = s.NodeId;
                    times[k++] = s.TimeMs;
                    copied++;
                    if (k == gids.Length)
                    {
                        pieces.Add(new GraphSpikeChunk(gids, times, copied == count ? watermark : times[^1]));
                        gids = null;
                    }
                }
            }

            foreach (var piece in pieces)
            {
                yield return piece;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
