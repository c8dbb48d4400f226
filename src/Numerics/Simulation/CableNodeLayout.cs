using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// NEURON's node structure for one discretized morphology (NEURON-numerics.md facts 6–7), ordered parents first for
/// the Hines sweep: every section has one centre node per segment plus a zero-membrane end node at x = 1 (area
/// 100 µm², algebraic); each root section also gets an x = 0 root node (area 100, no parent). A child at x = 0 or 1
/// joins that exact node; at 0 &lt; x &lt; 1 the centre node int(x·nseg). Couplings: first centre node 1/rleft₀,
/// next ones 1/(rright_{j−1} + rleft_j), end node 1/rright_last (µS); off-diagonals A = −100·rinv/area(parent),
/// B = −100·rinv/area(node). Immutable and shareable.
/// </summary>
internal sealed class CableNodeLayout
{
    /// <summary>Number of nodes (segments + end nodes + root nodes).</summary>
    public int NodeCount { get; }

    /// <summary>Parent node of each node, −1 for root nodes; parent &lt; node.</summary>
    public int[] Parent { get; }

    /// <summary>Node area, µm² (100 for end and root nodes).</summary>
    public double[] Area { get; }

    /// <summary>Effect of the node on its parent's equation (NEURON's A).</summary>
    public double[] A { get; }

    /// <summary>Effect of the parent on the node's equation (NEURON's B).</summary>
    public double[] B { get; }

    /// <summary>Centre node of each segment.</summary>
    public int[] NodeOfSegment { get; }

    /// <summary>Number of segments (membrane nodes).</summary>
    public int SegmentCount => NodeOfSegment.Length;

    public CableNodeLayout(DiscretizedMorphology morphology)
    {
        var sections = morphology.Sections;
        var order = SectionOrder(morphology);
        var n = morphology.SegmentCount + sections.Length + order.Count(s => sections[s].ParentIndex < 0);
        var parent = new int[n];
        var area = new double[n];
        var rinv = new double[n];
        var nodeOfSegment = new int[morphology.SegmentCount];
        var x0Node = new int[sections.Length];
        var endNode = new int[sections.Length];
        var next = 0;
        var segArea = morphology.Geometry.Area;
        foreach (var s in order)
        {
            var sec = sections[s];
            if (sec.ParentIndex < 0)
            {
                parent[next] = -1;
                area[next] = 100;
                rinv[next] = 0;
                x0Node[s] = next++;
            }
            else
            {
                x0Node[s] = sec.ParentX == 0 ? x0Node[sec.ParentIndex]
                    : sec.ParentX == 1 ? endNode[sec.ParentIndex]
                    : nodeOfSegment[morphology.SegmentAt(sec.ParentIndex, sec.ParentX)];
            }

            var prev = x0Node[s];
            for (var j = 0; j < sec.Nseg; j++)
            {
                var g = sec.FirstSegment + j;
                parent[next] = prev;
                area[next] = segArea[g];
                var rLeft = morphology.LeftHalfResistanceMOhm(g);
                rinv[next] = j == 0 ? 1.0 / rLeft : 1.0 / (morphology.RightHalfResistanceMOhm(g - 1) + rLeft);
                nodeOfSegment[g] = next;
                prev = next++;
            }

            parent[next] = prev;
            area[next] = 100;
            rinv[next] = 1.0 / morphology.RightHalfResistanceMOhm(sec.FirstSegment + sec.Nseg - 1);
            endNode[s] = next++;
        }

        var a = new double[n];
        var b = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (parent[i] >= 0)
            {
                a[i] = -1.0e2 * rinv[i] / area[parent[i]];
                b[i] = -1.0e2 * rinv[i] / area[i];
            }
        }

        NodeCount = n;
        Parent = parent;
        Area = area;
        A = a;
        B = b;
        NodeOfSegment = nodeOfSegment;
    }

    private static int[] SectionOrder(DiscretizedMorphology morphology)
    {
        var sections = morphology.Sections;
        var order = SectionTreeOrder.BreadthFirst(sections.Length, s => sections[s].ParentIndex);
        return [.. order];
    }
}
