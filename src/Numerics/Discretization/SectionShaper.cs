using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>
/// Arc lengths and NEURON's <c>define_shape</c> for a morphology as read (NEURON-numerics.md facts 1–2):
/// arc lengths come from the points as given (float differences, squared in double); then children are translated,
/// parents first, so that their connecting end (or their logical connection point, NEURON's pt3dstyle) lies on the
/// straight line between the parent's first and last pt3d point at <c>parent_x</c>. Translation is done in float, as
/// NEURON stores pt3d in float; arcs are not recomputed.
/// </summary>
internal static class SectionShaper
{
    public static ShapedSection[] Shape(MorphologyDescription morphology, IReadOnlyList<int> parentsFirstOrder)
    {
        var sections = morphology.Sections;
        var shaped = new ShapedSection[sections.Length];
        for (var s = 0; s < sections.Length; s++)
        {
            shaped[s] = FromPoints(sections[s]);
        }

        foreach (var s in parentsFirstOrder)
        {
            var section = sections[s];
            if (section.IsRoot)
            {
                continue;
            }

            var parent = shaped[section.ParentIndex];
            var child = shaped[s];
            var last = parent.PointCount - 1;
            var px = section.ParentX;

            // Target point: linear interpolation between the parent's first and last points (not along the arc),
            // computed in double and stored as float, as NEURON's nrn_define_shape does.
            var tx = (float)(parent.X[last] * px + parent.X[0] * (1 - px));
            var ty = (float)(parent.Y[last] * px + parent.Y[0] * (1 - px));
            var tz = (float)(parent.Z[last] * px + parent.Z[0] * (1 - px));
            // Classical style: the first pt3d point goes onto the target. With a logical connection point
            // (pt3dstyle 1) that point goes onto the target and the section keeps its offset from it.
            float dx, dy, dz;
            if (section.LogicalConnection is { } lc)
            {
                dx = tx - lc.X;
                dy = ty - lc.Y;
                dz = tz - lc.Z;
            }
            else
            {
                dx = tx - child.X[0];
                dy = ty - child.Y[0];
                dz = tz - child.Z[0];
            }
            for (var i = 0; i < child.PointCount; i++)
            {
                child.X[i] += dx;
                child.Y[i] += dy;
                child.Z[i] += dz;
            }
        }

        return shaped;
    }

    private static ShapedSection FromPoints(SectionDescription section)
    {
        var n = section.Points.Length;
        var x = new float[n];
        var y = new float[n];
        var z = new float[n];
        var d = new float[n];
        var arc = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = section.Points[i];
            x[i] = p.X;
            y[i] = p.Y;
            z[i] = p.Z;
            d[i] = p.Diameter;
            if (i > 0)
            {
                // float − float rounded to float, then squared in double (NEURON's nrn_pt3dmodified).
                double t1 = x[i] - x[i - 1];
                double t2 = y[i] - y[i - 1];
                double t3 = z[i] - z[i - 1];
                arc[i] = arc[i - 1] + Math.Sqrt(t1 * t1 + t2 * t2 + t3 * t3);
            }
        }

        return new ShapedSection { X = x, Y = y, Z = z, Diameter = d, Arc = arc };
    }
}
