namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>Orders the sections of a tree parents first, breadth-first from the roots (parent index &lt; 0).</summary>
internal static class SectionTreeOrder
{
    /// <summary>
    /// Section indices with every parent before its children; roots in index order, children in index order. Sections
    /// that do not descend from a root (a cycle in the parent links) are left out, so a shorter result means a cycle.
    /// </summary>
    internal static List<int> BreadthFirst(int sectionCount, Func<int, int> parentIndexOf)
    {
        var children = new List<int>[sectionCount];
        for (var s = 0; s < sectionCount; s++)
        {
            children[s] = [];
        }

        var queue = new Queue<int>();
        for (var s = 0; s < sectionCount; s++)
        {
            var parent = parentIndexOf(s);
            if (parent < 0)
            {
                queue.Enqueue(s);
            }
            else
            {
                children[parent].Add(s);
            }
        }

        var order = new List<int>(sectionCount);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            order.Add(s);
            foreach (var c in children[s])
            {
                queue.Enqueue(c);
            }
        }

        return order;
    }
}
