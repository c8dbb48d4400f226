using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>
/// The steps NEURON 8.2.2 runs on Import3d_Neurolucida3's sections before and during <c>Import3d_GUI.instantiate</c>,
/// re-expressed from their documented behaviour:
/// <list type="bullet">
/// <item><c>connect2soma</c>: soma contours move to the front of the list (in file order). A tree whose first point
/// lies inside a soma contour's xy bounding box widened by 0.5 µm (compared in single precision, as GUIMath does)
/// hangs from that soma at 0.5, "wired": its first pt3d point keeps its position and the soma centre
/// (<see cref="Import3dContourCentroid.Center"/>) becomes its logical connection point (<c>pt3dstyle</c>). A tree
/// outside every box is wired the same way to the soma whose centre is nearest its first point (Import3d warns).</item>
/// <item><c>chk_valid</c>: non-root sections with one point, or two coincident points, are removed; their children
/// take over their parent and connection point.</item>
/// <item><c>instantiate</c>: a contour becomes its centroid line (<see cref="Import3dContourCentroid.Centroid"/>);
/// names <c>soma[i]</c>, <c>axon[i]</c>, <c>dend[i]</c>, <c>apic[i]</c> (<c>dend_0[i]</c> for a tree without an Axon,
/// Dendrite or Apical property), numbered per type in list order; arrays are created in increasing type order, which
/// is NEURON's section order; values pass through <c>%.8g</c> (<see cref="PrintfRounding"/>) into float32 pt3d.</item>
/// </list>
/// Soma contour stacks (several CellBody contours whose xy boxes overlap, merged by Import3d into one soma) are not
/// supported and are refused.
/// </summary>
internal static class Import3dNeurolucidaSections
{
    public static MorphologyDescription Build(List<AscSection> parsed, string sourceName)
    {
        // contours first, each group in file order
        var sections = parsed.Where(s => s.IsContour).Concat(parsed.Where(s => !s.IsContour)).ToList();
        var somas = sections.Where(s => s.IsContour).ToList();
        RefuseContourStacks(somas, sourceName);
        ConnectToSoma(sections, somas);
        var roots = sections.Where(s => s.Parent is null).ToList();
        if (roots.Count == 0)
        {
            throw new InputException(sourceName, "no soma contour and no tree found (expected (\"CellBody\" (x y z d) …) and trees such as ((Dendrite) (x y z d) …))");
        }

        if (somas.Count > 1)
        {
            throw new InputException(
                sourceName, $"{somas.Count} separate soma contours (lines {string.Join(", ", somas.Select(s => s.Line))}): expected one cell", somas[1].Line);
        }

        if (roots.Count > 1)
        {
            throw new InputException(
                sourceName,
                $"no CellBody contour to connect the {roots.Count} trees to (expected a soma contour such as (\"CellBody\" (x y z d) …) or a single tree)");
        }

        RemoveDegenerateSections(sections);
        return Instantiate(sections, sourceName);
    }

    private static void RefuseContourStacks(List<AscSection> somas, string sourceName)
    {
        for (var i = 1; i < somas.Count; i++)
        {
            var (ax0, ay0, ax1, ay1) = Box(somas[i - 1], 0);
            var (bx0, by0, bx1, by1) = Box(somas[i], 0);
            var overlap = !(ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1);
            if (overlap)
            {
                throw new InputException(
                    sourceName,
                    $"soma contour stack not supported: the CellBody contours at lines {somas[i - 1].Line} and {somas[i].Line} overlap in xy (expected one contour per soma)",
                    somas[i].Line);
            }
        }
    }

    private static void ConnectToSoma(List<AscSection> sections, List<AscSection> somas)
    {
        if (somas.Count == 0)
        {
            return;
        }

        var roots = sections.Where(s => !s.IsContour && s.Parent is null).ToList();
        var centers = new List<(double X, double Y, double Z)>();
        foreach (var soma in somas)
        {
            var (x0, y0, x1, y1) = Box(soma, 0.5);
            var center = Import3dContourCentroid.Center(soma.Points);
            centers.Add(center);
            for (var i = roots.Count - 1; i >= 0; i--)
            {
                var p = roots[i].Points[0];
                if (Inside((float)p.X, (float)x0, (float)x1) && Inside((float)p.Y, (float)y0, (float)y1))
                {
                    Wire(roots[i], soma, center);
                    roots.RemoveAt(i);
                }
            }
        }

        foreach (var root in roots)
        {
            var p = root.Points[0];
            var best = 0;
            var bestDistance = double.MaxValue;
            for (var j = 0; j < centers.Count; j++)
            {
                var (dx, dy, dz) = (p.X - centers[j].X, p.Y - centers[j].Y, p.Z - centers[j].Z);
                var distance = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                if (distance < bestDistance)
                {
                    best = j;
                    bestDistance = distance;
                }
            }

            Wire(root, somas[best], centers[best]);
        }
    }

    private static bool Inside(float v, float min, float max) => v >= min && v <= max;

    private static void Wire(AscSection root, AscSection soma, (double X, double Y, double Z) center)
    {
        root.Parent = soma;
        root.ParentX = 0.5;
        root.Points.Insert(0, new AscPoint(center.X, center.Y, center.Z, 0.01, root.Line));
        root.First = 1;
    }

    private static (double X0, double Y0, double X1, double Y1) Box(AscSection s, double margin) =>
        (s.Points.Min(p => p.X) - margin, s.Points.Min(p => p.Y) - margin,
            s.Points.Max(p => p.X) + margin, s.Points.Max(p => p.Y) + margin);

    private static void RemoveDegenerateSections(List<AscSection> sections) =>
        Import3dValidity.RemoveDegenerate(
            sections,
            sec => sec.Points.Count - sec.First,
            (sec, i) =>
            {
                var p = sec.Points[sec.First + i];
                return (p.X, p.Y, p.Z);
            },
            sec => sec.Parent,
            (child, removed) => (child.Parent, child.ParentX) = (removed.Parent, removed.ParentX));

    private static MorphologyDescription Instantiate(List<AscSection> sections, string sourceName)
    {
        var counts = new Dictionary<int, int>();
        foreach (var sec in sections)
        {
            counts.TryGetValue(sec.Type, out var k);
            sec.NameIndex = k;
            counts[sec.Type] = k + 1;
        }

        var (ordered, finalIndex) = Import3dInstantiation.InNeuronOrder(sections, sec => sec.Type);

        var result = ImmutableArray.CreateBuilder<SectionDescription>(ordered.Count);
        foreach (var sec in ordered)
        {
            double[] xs, ys, zs, ds;
            if (sec.IsContour)
            {
                (xs, ys, zs, ds) = Import3dContourCentroid.Centroid(sec.Points, sourceName, sec.Line);
            }
            else
            {
                var own = sec.Points.Skip(sec.First).ToList();
                xs = own.Select(p => p.X).ToArray();
                ys = own.Select(p => p.Y).ToArray();
                zs = own.Select(p => p.Z).ToArray();
                ds = own.Select(p => p.Diameter).ToArray();
            }

            (double, double, double)? dropped = sec.First == 1 ? (sec.Points[0].X, sec.Points[0].Y, sec.Points[0].Z) : null;
            result.Add(Import3dInstantiation.Section(
                $"{Import3dSwcSections.TypeName(sec.Type)}[{sec.NameIndex}]",
                sec.Parent is null ? -1 : finalIndex[sec.Parent],
                sec.ParentX,
                xs, ys, zs, ds,
                dropped));
        }

        return new MorphologyDescription(result.MoveToImmutable(), sourceName);
    }
}
