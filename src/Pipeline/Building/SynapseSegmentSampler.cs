using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// Synapse placement in one layer as LFPy's <c>get_rand_idx_area_norm</c>: the candidate segments are those whose
/// section name contains any of the patterns (substring match, like <c>str.find</c>; a segment matching several
/// patterns counts once) and whose placed midpoint z lies strictly inside the layer (bottom &lt; z &lt; top); a
/// segment is drawn with probability area / Σ area (alias method), independently for each synapse (with
/// replacement). Immutable once built; reusable for every draw on the same placed cell.
/// </summary>
public sealed class SynapseSegmentSampler
{
    private readonly int[] _candidates;
    private readonly AliasSampler? _sampler;

    /// <summary>Eligible segment indices, increasing.</summary>
    public IReadOnlyList<int> Candidates => _candidates;

    public SynapseSegmentSampler(ICellSegments segments, CellTransform transform, IReadOnlyList<string> sectionPatterns, LayerDescription layer)
    {
        var candidates = new List<int>();
        var weights = new List<double>();
        for (var s = 0; s < segments.SegmentCount; s++)
        {
            var name = segments.SectionName(s);
            var matches = false;
            foreach (var pattern in sectionPatterns)
            {
                if (name.Contains(pattern, StringComparison.Ordinal))
                {
                    matches = true;
                    break;
                }
            }

            if (!matches)
            {
                continue;
            }

            var z = transform.Apply(segments.Midpoint(s)).Z;
            if (z > layer.BottomUm && z < layer.TopUm)
            {
                candidates.Add(s);
                weights.Add(segments.AreaUm2(s));
            }
        }

        _candidates = [.. candidates];
        _sampler = candidates.Count > 0 ? new AliasSampler(weights.ToArray()) : null;
    }

    /// <summary>Draws destination.Length segment indices into <paramref name="destination"/>.</summary>
    /// <exception cref="InputException">synapses are requested but no segment is eligible (as LFPy, which raises).</exception>
    public void Sample(ref CounterRandom rng, Span<int> destination, string context)
    {
        if (destination.Length == 0)
        {
            return;
        }

        if (_sampler is null)
        {
            throw new InputException(context, $"{destination.Length} synapse(s) requested but no segment matches the section patterns inside the layer");
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _candidates[_sampler.Sample(ref rng)];
        }
    }
}
