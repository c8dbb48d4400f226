using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// The last step of NEURON Import3d's <c>instantiate</c>, shared by the SWC, Neurolucida and MorphML readers: a
/// one-point section is drawn as <c>sphere_rep</c>, values pass through Import3d's <c>%.8g</c> text into float32
/// pt3d, and a dropped first point (a child's copy of its parent's point) becomes the section's logical connection point.
/// </summary>
internal static class Import3dInstantiation
{
    /// <summary>
    /// NEURON's section order: Import3d creates <c>name[count]</c> arrays in increasing type order, sections of one
    /// type in their list order (a stable sort). Returns the ordered sections and each one's final index.
    /// </summary>
    public static (List<TSection> Ordered, Dictionary<TSection, int> IndexOf) InNeuronOrder<TSection>(
        IEnumerable<TSection> sections, Func<TSection, int> type)
        where TSection : class
    {
        var ordered = sections.OrderBy(type).ToList();
        var indexOf = new Dictionary<TSection, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < ordered.Count; i++)
        {
            indexOf[ordered[i]] = i;
        }

        return (ordered, indexOf);
    }

    /// <summary>One section's pt3d points (a single point becomes <c>sphere_rep</c>'s three) and its connection.</summary>
    /// <param name="name">NEURON's section name, e.g. <c>dend[3]</c>.</param>
    /// <param name="parentIndex">index of the parent section, −1 for the root.</param>
    /// <param name="parentX">connection position on the parent (ignored for the root).</param>
    /// <param name="xs">x of the section's points, µm.</param>
    /// <param name="ys">y, µm.</param>
    /// <param name="zs">z, µm.</param>
    /// <param name="ds">diameters, µm.</param>
    /// <param name="droppedFirstPoint">the dropped first point (x, y, z), µm, or null.</param>
    public static SectionDescription Section(string name, int parentIndex, double parentX,
        IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> zs, IReadOnlyList<double> ds,
        (double X, double Y, double Z)? droppedFirstPoint)
    {
        if (ds.Count == 1)
        {
            // sphere_rep: a one-point section becomes a cylinder along x with L = diam
            var (x, y, z, d) = (xs[0], ys[0], zs[0], ds[0]);
            (xs, ys, zs, ds) = ([x - d / 2, x, x + d / 2], [y, y, y], [z, z, z], [d, d, d]);
        }

        var points = ImmutableArray.CreateBuilder<Pt3dPoint>(ds.Count);
        for (var j = 0; j < ds.Count; j++)
        {
            points.Add(new Pt3dPoint(
                PrintfRounding.Pt3dFromImport3d(xs[j]),
                PrintfRounding.Pt3dFromImport3d(ys[j]),
                PrintfRounding.Pt3dFromImport3d(zs[j]),
                PrintfRounding.Pt3dFromImport3d(ds[j])));
        }

        var isRoot = parentIndex < 0;
        return new SectionDescription(name, isRoot ? -1 : parentIndex, isRoot ? double.NaN : parentX, 0, points.MoveToImmutable())
        {
            LogicalConnection = droppedFirstPoint is { } w
                ? new LogicalConnectionPoint(
                    PrintfRounding.Pt3dFromImport3d(w.X),
                    PrintfRounding.Pt3dFromImport3d(w.Y),
                    PrintfRounding.Pt3dFromImport3d(w.Z))
                : null,
        };
    }
}
