namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// A renumbering of a cable tree's nodes for a Hines solve whose consecutive steps are independent, with the same
/// floating-point results as NEURON's order. Each node gets a level: 1 + the largest level among its children and,
/// if it is not its parent's first child in NEURON's elimination (descending original index), 1 + the level of the
/// sibling eliminated just before it. Nodes are sorted by decreasing level, ties by original index. Hence parents
/// still come first (the sweeps stay single loops, leaves to root and back); every parent receives its children's
/// contributions in NEURON's order (bit-identical sums); and no two nodes of one level depend on each other, so a
/// sweep runs through whole levels of independent nodes. In NEURON's order each unbranched run is one loop-carried
/// multiply-subtract chain; in this order the CPU overlaps the chains of all sections of a level, and only the
/// number of levels (about the tree's height) stays on the critical path.
/// </summary>
internal static class CableEliminationOrder
{
    /// <summary>
    /// The new order for a tree given by <paramref name="parent"/> (−1 for roots, parent &lt; node):
    /// <c>order[newIndex] = oldIndex</c>.
    /// </summary>
    public static int[] ByLevel(ReadOnlySpan<int> parent)
    {
        var n = parent.Length;
        var level = new int[n];
        var childrenDone = new int[n]; // 1 + the largest level among the children seen so far (0 for none)
        var lastSibling = new int[n]; // level of the child of this node eliminated last so far (−1 for none)
        Array.Fill(lastSibling, -1);
        for (var i = n - 1; i >= 0; i--)
        {
            // children (indices > i) and earlier-eliminated siblings (indices > i) are all done
            var l = childrenDone[i];
            var p = parent[i];
            if (p >= 0)
            {
                l = Math.Max(l, lastSibling[p] + 1);
                lastSibling[p] = l;
                childrenDone[p] = Math.Max(childrenDone[p], l + 1);
            }

            level[i] = l;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (x, y) => level[x] != level[y] ? level[y].CompareTo(level[x]) : x.CompareTo(y));
        return order;
    }

    /// <summary>The identity order (NEURON's node order).</summary>
    public static int[] Identity(int n)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        return order;
    }
}
