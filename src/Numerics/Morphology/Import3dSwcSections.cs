using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// NEURON 8.2.2 Import3d's SWC rules (read_swc.hoc <c>mark_branch</c>, <c>sectionify</c>, <c>mksection</c>;
/// import3d_gui.hoc <c>chk_valid</c>, <c>set_nameindex</c>, <c>instantiate</c>), re-expressed from their documented
/// behaviour:
/// <list type="bullet">
/// <item>Points split into sections at branch points and wherever the type changes; consecutive soma points stay in
/// one section unless a soma point (other than the root) has more than one soma child.</item>
/// <item>A non-root section starts with a copy of its parent point; if the parent is a soma section and the child is
/// not, that copy takes the child's own first diameter.</item>
/// <item>Attachment: a child of the root's first point connects at 0; a neurite of a one-point (spherical) soma at
/// 0.5; a child of an interior soma point at 0.5; everything else at 1. A branch leaving the first sample of a
/// neurite whose parent sample is a soma sample (or leaving a non-soma root sample) connects at 0 of that neurite's
/// section ("connect2prox").</item>
/// <item>"Wires": a multi-point neurite hanging from a spherical soma, from an interior soma point, or from a soma
/// point with several soma children, drops the copied parent point and gets <c>pt3dstyle(1, parent point)</c>.</item>
/// <item>A one-point root (e.g. a single soma sample, or NeuroMorpho's 3-point soma: centre plus two points at ±r
/// with equal diameters and total length = diameter) becomes a 3-point cylinder along x: (x−d/2), x, (x+d/2).</item>
/// <item>Non-root sections with one point, or two coincident points, are dropped; their children take over their
/// parent and attachment point.</item>
/// <item>Names are <c>soma[i]</c>, <c>axon[i]</c>, <c>dend[i]</c>, <c>apic[i]</c> (types 1–4), <c>dend_T[i]</c> for
/// other types ≥ 0 and <c>minus_T[i]</c> for negative ones; arrays are created in increasing type order, so NEURON's
/// section order (and LFPy's segment order) is all of the lowest type first, each type in file order.</item>
/// <item>Values reach <c>pt3dadd</c> through a <c>%.8g</c> hoc command (<see cref="PrintfRounding"/>).</item>
/// </list>
/// </summary>
internal static class Import3dSwcSections
{
    private sealed class ImportSection
    {
        public required int FirstPointId; // Import3d_Section.id: index of the section's first own sample
        public required List<int> PointIndices; // raw points (sample indices), the parent copy included
        public readonly List<double> Diameters = new();
        public ImportSection? Parent;
        public double ParentX = 1;
        public int First; // 1: drop raw point 0 and use it as logical connection point
        public int Type;
        public int NameIndex;
    }

    public static MorphologyDescription Build(List<SwcSample> samples, string sourceName)
    {
        var n = samples.Count;
        var type = new int[n];
        var pid = new int[n]; // parent index, -1 for the root
        for (var i = 0; i < n; i++)
        {
            type[i] = samples[i].Type;
            pid[i] = samples[i].ParentIndex;
        }

        // mark_branch: nchild[p] counts children; +0.01 for a non-contiguous child and for a type change.
        var nchild = new double[n];
        var connect2prox = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var p = pid[i];
            if (p < 0)
            {
                continue;
            }

            nchild[p] += 1;
            if (p != i - 1)
            {
                nchild[p] += .01;
                if (p > 1)
                {
                    if (type[p] != 1 && type[pid[p]] == 1)
                    {
                        connect2prox[i] = true;
                        nchild[p] = 1;
                    }
                }
                else if (p == 0 && type[p] != 1)
                {
                    connect2prox[i] = true;
                    nchild[p] = 1;
                }
            }

            if (type[p] != type[i])
            {
                nchild[p] += .01;
            }
        }

        // soma children per soma point
        var nchildSoma = new double[n];
        var nsomaPoints = type[0] == 1 ? 1 : 0;
        for (var i = 1; i < n; i++)
        {
            if (type[i] == 1)
            {
                nsomaPoints++;
                var p = pid[i];
                if (p >= 0 && type[p] == 1)
                {
                    nchildSoma[p] += 1;
                }
            }
        }

        var soma3Geometry = nsomaPoints == 3 && IsNeuroMorphoThreePointSoma(samples, pid, nchild);
        if (soma3Geometry)
        {
            pid[2] = 1; // keeps the three soma points in one section; points 1 and 2 are dropped below
        }

        for (var i = 0; i < n - 1; i++)
        {
            if (type[i] == 1 && type[i + 1] == 1 && pid[i + 1] == i && !(i != 0 && nchildSoma[i] > 1))
            {
                nchild[i] = 1; // contiguous soma points: not a section end
            }
        }

        // sec2point: last point of every section; point2sec: section of every point
        var sectionEnds = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (nchild[i] != 1)
            {
                sectionEnds.Add(i);
            }
        }

        var point2sec = new int[n];
        var si = 0;
        for (var i = 1; i < n; i++)
        {
            if (i > sectionEnds[si])
            {
                si++;
            }

            point2sec[i] = si;
        }

        // mksections
        var sections = new List<ImportSection>();
        var isec = 0;
        var firstPoint = 0;
        for (var i = 0; i < n; i++)
        {
            if (point2sec[i] > isec)
            {
                sections.Add(MakeSection(isec, firstPoint, i));
                isec++;
                firstPoint = i;
            }
        }

        sections.Add(MakeSection(isec, firstPoint, n));

        ImportSection MakeSection(int sectionIndex, int first, int end)
        {
            ImportSection sec;
            if (sectionIndex == 0)
            {
                if (soma3Geometry)
                {
                    end = 1;
                }

                sec = new ImportSection { FirstPointId = first, PointIndices = Range(first, end) };
                foreach (var k in sec.PointIndices)
                {
                    sec.Diameters.Add(samples[k].Diameter);
                }
            }
            else
            {
                var parentPoint = pid[first];
                var psec = sections[point2sec[parentPoint]];
                sec = new ImportSection { FirstPointId = first, PointIndices = [parentPoint, .. Range(first, end)], Parent = psec };
                var denConSoma = psec.Type == 1 && type[first] != 1;
                var conSoma = psec.Type == 1;
                var handled = false;
                if (psec == sections[0])
                {
                    handled = true;
                    if (denConSoma && psec.Diameters.Count == 1)
                    {
                        sec.ParentX = 0.5; // spherical soma
                        if (end - first > 1)
                        {
                            sec.First = 1;
                        }
                    }
                    else if (parentPoint == psec.FirstPointId)
                    {
                        sec.ParentX = 0;
                        if (type[first] != 1 && nchildSoma[parentPoint] > 1)
                        {
                            sec.First = 1;
                        }
                    }
                    else
                    {
                        handled = false;
                    }
                }

                if (!handled && conSoma)
                {
                    var offset = psec.FirstPointId == 0 ? -1 : -2;
                    if (parentPoint < psec.FirstPointId + psec.Diameters.Count + offset)
                    {
                        sec.ParentX = 0.5; // interior point of a multi-point soma
                        if (denConSoma && end - first > 1)
                        {
                            sec.First = 1;
                        }
                    }
                    else if (end - first > 1 && nchildSoma[parentPoint] > 1 && type[first] != 1)
                    {
                        sec.First = 1;
                    }
                }

                foreach (var k in sec.PointIndices)
                {
                    sec.Diameters.Add(samples[k].Diameter);
                }
            }

            sec.Type = type[first];
            if (sec.Parent is { Type: 1 } && sec.Type != 1)
            {
                sec.Diameters[0] = sec.Diameters[1];
            }

            if (connect2prox[first])
            {
                sec.ParentX = 0;
            }

            return sec;
        }

        RemoveDegenerateSections(sections, samples);
        return Instantiate(sections, samples, type, sourceName);
    }

    // neuromorpho.org's 3-point soma: root in the middle, two soma points attached to it with no children, equal
    // diameters, and total length within 1 % of the diameter. Treated as a sphere (one-point root).
    private static bool IsNeuroMorphoThreePointSoma(List<SwcSample> s, int[] pid, double[] nchild)
    {
        if (s.Count < 3 || pid[1] != 0 || pid[2] != 0 || nchild[1] != 0 || nchild[2] != 0)
        {
            return false;
        }

        if (s[1].Diameter != s[0].Diameter || s[2].Diameter != s[0].Diameter || s[0].Diameter == 0)
        {
            return false;
        }

        double length = 0;
        for (var i = 1; i <= 2; i++)
        {
            var dx = s[i].X - s[0].X;
            var dy = s[i].Y - s[0].Y;
            var dz = s[i].Z - s[0].Z;
            length += Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }

        return Math.Abs(length / s[0].Diameter - 1) < .01;
    }

    // chk_valid (Import3dValidity), on the samples each section owns.
    private static void RemoveDegenerateSections(List<ImportSection> sections, List<SwcSample> samples) =>
        Import3dValidity.RemoveDegenerate(
            sections,
            sec => sec.PointIndices.Count - sec.First,
            (sec, i) =>
            {
                var p = samples[sec.PointIndices[sec.First + i]];
                return (p.X, p.Y, p.Z);
            },
            sec => sec.Parent,
            (child, removed) => (child.Parent, child.ParentX) = (removed.Parent, removed.ParentX));

    private static MorphologyDescription Instantiate(
        List<ImportSection> sections, List<SwcSample> samples, int[] type, string sourceName)
    {
        // set_nameindex: per type, in list order; types counted from the smallest type of any sample.
        var minType = type.Min();
        var maxType = type.Max();
        var counts = new int[maxType - minType + 1];
        foreach (var sec in sections)
        {
            sec.NameIndex = counts[sec.Type - minType]++;
        }

        var (ordered, finalIndex) = Import3dInstantiation.InNeuronOrder(sections, sec => sec.Type);

        var result = ImmutableArray.CreateBuilder<SectionDescription>(ordered.Count);
        foreach (var sec in ordered)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            var zs = new List<double>();
            var ds = new List<double>();
            for (var j = sec.First; j < sec.PointIndices.Count; j++)
            {
                var p = samples[sec.PointIndices[j]];
                xs.Add(p.X);
                ys.Add(p.Y);
                zs.Add(p.Z);
                ds.Add(sec.Diameters[j]);
            }

            (double, double, double)? dropped = null;
            if (sec.First == 1)
            {
                var w = samples[sec.PointIndices[0]];
                dropped = (w.X, w.Y, w.Z);
            }

            result.Add(Import3dInstantiation.Section(
                $"{TypeName(sec.Type)}[{sec.NameIndex}]",
                sec.Parent is null ? -1 : finalIndex[sec.Parent],
                sec.ParentX,
                xs, ys, zs, ds,
                dropped));
        }

        return new MorphologyDescription(result.MoveToImmutable(), sourceName);
    }

    /// <summary>Import3d's <c>type2name</c>.</summary>
    internal static string TypeName(int type) => type switch
    {
        1 => "soma",
        2 => "axon",
        3 => "dend",
        4 => "apic",
        < 0 => $"minus_{-type}",
        _ => $"dend_{type}",
    };

    private static List<int> Range(int start, int end)
    {
        var list = new List<int>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            list.Add(i);
        }

        return list;
    }
}
