using MathNet.Numerics.LinearAlgebra;

namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>
/// Import3d's soma contour geometry (NEURON 8.2.2 <c>Import3d_Section.contourcenter</c> and
/// <c>Import3d_GUI.contour2centroid</c>), re-expressed from their documented steps with the same arithmetic
/// (NEURON Vector <c>interpolate</c>, <c>indgen</c>, <c>rotate</c>, first-index <c>min_ind</c>/<c>max_ind</c>):
/// <list type="number">
/// <item>Centre: resample the contour at 101 points equally spaced in xy arc length along the open polyline from the
/// first to the last point (the closing edge is not walked) and average them.</item>
/// <item>Principal axes of the 101 points about that centre (3×3 scatter matrix): the major axis is the eigenvector
/// of the largest eigenvalue; the "minor" one is the eigenvector of the middle eigenvalue with its z set to 0,
/// normalised.</item>
/// <item>Project every point on both: position d along the major axis and signed radius r along the minor one.
/// Split the closed outline at its extreme d into two sides, drop points that break monotonic d on each side,
/// resample both sides at 21 positions from the second smallest to the second largest d, and take diameter
/// |r₁ − r₂| at each. Points are centre + d·major; the two end diameters are averaged with their neighbours.</item>
/// </list>
/// The sign of an eigenvector is arbitrary; NEURON 8.2.2's Meschach solver fixes it in a way that is not
/// documented, so this follows NEURON ≥ 9.0 (the major axis points where its largest component is positive). With
/// the other sign the same points come in reverse order; lengths, areas and the midpoint are unchanged.
/// </summary>
internal static class Import3dContourCentroid
{
    /// <summary>The contour centre (µm) as <c>contourcenter</c> computes it; also where Import3d wires neurites.</summary>
    public static (double X, double Y, double Z) Center(IReadOnlyList<AscPoint> contour)
    {
        var (x, y, z) = Resample(contour);
        return (Mean(x), Mean(y), Mean(z));
    }

    /// <summary>Centroid line points and diameters (µm) of a soma contour.</summary>
    public static (double[] X, double[] Y, double[] Z, double[] Diameter) Centroid(
        IReadOnlyList<AscPoint> contour, string sourceName, int line)
    {
        var (px, py, pz) = Resample(contour);
        var n = px.Length;
        var mean = new[] { Mean(px), Mean(py), Mean(pz) };
        var rows = new[] { new double[n], new double[n], new double[n] };
        for (var i = 0; i < n; i++)
        {
            rows[0][i] = px[i] - mean[0];
            rows[1][i] = py[i] - mean[1];
            rows[2][i] = pz[i] - mean[2];
        }

        var scatter = Matrix<double>.Build.Dense(3, 3);
        for (var i = 0; i < 3; i++)
        {
            for (var j = i; j < 3; j++)
            {
                double s = 0;
                for (var k = 0; k < n; k++)
                {
                    s += rows[i][k] * rows[j][k];
                }

                scatter[i, j] = s;
                scatter[j, i] = s;
            }
        }

        var evd = scatter.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var maxIndex = IndexOfMax(values);
        var minIndex = IndexOfMin(values);
        var major = evd.EigenVectors.Column(maxIndex).ToArray();
        var largest = 0;
        for (var k = 1; k < 3; k++)
        {
            if (Math.Abs(major[k]) > Math.Abs(major[largest]))
            {
                largest = k;
            }
        }

        if (major[largest] < 0)
        {
            for (var k = 0; k < 3; k++)
            {
                major[k] = -major[k];
            }
        }

        var minor = evd.EigenVectors.Column(3 - minIndex - maxIndex).ToArray();
        minor[2] = 0;
        var minorLength = Math.Sqrt(minor[0] * minor[0] + minor[1] * minor[1]);
        if (maxIndex == minIndex || minorLength / Math.Sqrt(major[0] * major[0] + major[1] * major[1] + major[2] * major[2]) < 1e-6)
        {
            throw new InputException(
                sourceName, "cannot compute the soma centroid: the CellBody contour has no extent in the xy plane across its main axis", line);
        }

        minor[0] /= minorLength;
        minor[1] /= minorLength;

        var d = new List<double>(n);
        var rad = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            d.Add(rows[0][i] * major[0] + rows[1][i] * major[1] + rows[2][i] * major[2]);
            rad.Add(rows[0][i] * minor[0] + rows[1][i] * minor[1] + rows[2][i] * minor[2]);
        }

        // Rotate so the point farthest along the major axis comes first; the outline then runs down to the other
        // extreme on one side and back up on the other.
        var imax = IndexOfMax(d);
        Rotate(d, imax);
        Rotate(rad, imax);
        var imin = IndexOfMin(d);
        var side2 = d.GetRange(imin, d.Count - imin);
        var rad2 = rad.GetRange(imin, rad.Count - imin);
        d.RemoveRange(imin, d.Count - imin);
        rad.RemoveRange(imin, rad.Count - imin);
        d.Reverse();
        rad.Reverse();
        MakeIncreasing(d, rad);
        MakeIncreasing(side2, rad2);
        if (d.Count == 0 || side2.Count == 0)
        {
            throw new InputException(sourceName, "cannot compute the soma centroid: degenerate CellBody contour", line);
        }

        var all = d.Concat(side2).ToList();
        all.Sort();
        if (all.Count < 4)
        {
            throw new InputException(sourceName, "cannot compute the soma centroid: too few distinct CellBody contour points", line);
        }

        var start = all[1];
        var stop = all[^2];
        var grid = IndGen(start, stop, (stop - start) / 20);
        var r1 = Interpolate(grid, d, rad);
        var r2 = Interpolate(grid, side2, rad2);
        var m = grid.Length;
        var x = new double[m];
        var y = new double[m];
        var z = new double[m];
        var diam = new double[m];
        for (var i = 0; i < m; i++)
        {
            x[i] = major[0] * grid[i] + mean[0];
            y[i] = major[1] * grid[i] + mean[1];
            z[i] = major[2] * grid[i] + mean[2];
            diam[i] = Math.Abs(r1[i] - r2[i]);
        }

        diam[0] = (diam[0] + diam[1]) / 2;
        diam[m - 1] = (diam[m - 1] + diam[m - 2]) / 2;
        return (x, y, z, diam);
    }

    // contourcenter's resampling: 101 points at equal steps of the xy arc length.
    private static (double[] X, double[] Y, double[] Z) Resample(IReadOnlyList<AscPoint> contour)
    {
        var n = contour.Count;
        var perim = new double[n];
        for (var i = 1; i < n; i++)
        {
            var dx = contour[i].X - contour[i - 1].X;
            var dy = contour[i].Y - contour[i - 1].Y;
            perim[i] = perim[i - 1] + Math.Sqrt(dx * dx + dy * dy); // z is left out, as Import3d does
        }

        var grid = new double[101];
        var step = perim[n - 1] / 100;
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = i * step;
        }

        var xs = new double[n];
        var ys = new double[n];
        var zs = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = contour[i].X;
            ys[i] = contour[i].Y;
            zs[i] = contour[i].Z;
        }

        return (Interpolate(grid, perim, xs), Interpolate(grid, perim, ys), Interpolate(grid, perim, zs));
    }

    private static double Mean(double[] v)
    {
        double s = 0;
        foreach (var e in v)
        {
            s += e;
        }

        return s / v.Length;
    }

    // NEURON Vector.interpolate(xdest, xsrc, ysrc): piecewise linear, constant outside, skipping non-increasing xsrc.
    private static double[] Interpolate(IReadOnlyList<double> xd, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var nd = xd.Count;
        var ns = xs.Count;
        var yd = new double[nd];
        var id = 0;
        for (; id < nd && xd[id] <= xs[0]; ++id)
        {
            yd[id] = ys[0];
        }

        for (var i = 1; i < ns && id < nd; ++i)
        {
            if (xs[i] <= xs[i - 1])
            {
                continue;
            }

            while (xd[id] <= xs[i])
            {
                var theta = (xd[id] - xs[i - 1]) / (xs[i] - xs[i - 1]);
                yd[id] = (1.0 - theta) * ys[i - 1] + theta * ys[i];
                ++id;
                if (id >= nd)
                {
                    break;
                }
            }
        }

        for (; id < nd; ++id)
        {
            yd[id] = ys[ns - 1];
        }

        return yd;
    }

    // NEURON Vector.indgen(start, stop, step): floor((stop − start)/step + 1e-9) + 1 values start + i·step.
    private static double[] IndGen(double start, double stop, double step)
    {
        var count = (int)(Math.Floor((stop - start) / step + 1e-9) + 1.0);
        var v = new double[count];
        for (var i = 0; i < count; i++)
        {
            v[i] = i * step + start;
        }

        return v;
    }

    // Import3d's "make it convex": walking down from the end, drop a point whose d is not above its predecessor's.
    private static void MakeIncreasing(List<double> d, List<double> r)
    {
        for (var j = d.Count - 1; j > 0; j--)
        {
            if (d[j] <= d[j - 1])
            {
                d.RemoveAt(j);
                r.RemoveAt(j);
                if (j != d.Count)
                {
                    j++;
                }
            }
        }
    }

    private static void Rotate(List<double> v, int first)
    {
        var head = v.GetRange(0, first);
        v.RemoveRange(0, first);
        v.AddRange(head);
    }

    private static int IndexOfMax(IReadOnlyList<double> v)
    {
        var best = 0;
        for (var i = 1; i < v.Count; i++)
        {
            if (v[i] > v[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int IndexOfMin(IReadOnlyList<double> v)
    {
        var best = 0;
        for (var i = 1; i < v.Count; i++)
        {
            if (v[i] < v[best])
            {
                best = i;
            }
        }

        return best;
    }
}
