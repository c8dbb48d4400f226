using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Volumetric current source density on a rectilinear grid (LFPykit's <c>VolumetricCurrentSourceDensity</c>): each
/// segment is cut into n = ceil(length / dl) equal pieces whose midpoints are binned into the voxels given by the
/// edges x, y, z (µm; numpy histogramdd rules: a bin holds [e_k, e_{k+1}), the last bin also its upper edge; points
/// outside the grid are dropped); M[voxel, i] is the fraction of segment i's pieces in the voxel, so M·I is the
/// current per voxel (nA), as LFPykit returns it (divide by the voxel volume for nA/µm³). The output is the 4-D map
/// [nx−1][ny−1][nz−1][n_seg] flattened row-major (x slowest) into rows; most entries are zero, so apply it through
/// <see cref="SparseTransformationMatrix"/>.
/// </summary>
public sealed class VolumetricCurrentSourceDensity : ILinearModel
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly double _dl;

    /// <param name="x">bin edges along x, µm (increasing, ≥ 2)</param>
    /// <param name="y">bin edges along y, µm</param>
    /// <param name="z">bin edges along z, µm</param>
    /// <param name="dlUm">maximum piece length, µm (&gt; 0)</param>
    public VolumetricCurrentSourceDensity(double[] x, double[] y, double[] z, double dlUm = 1.0)
    {
        CheckEdges(x, nameof(x));
        CheckEdges(y, nameof(y));
        CheckEdges(z, nameof(z));
        ParameterChecks.Positive(dlUm, "dl", "µm");
        _x = (double[])x.Clone();
        _y = (double[])y.Clone();
        _z = (double[])z.Clone();
        _dl = dlUm;
    }

    /// <summary>Voxel counts (nx − 1, ny − 1, nz − 1).</summary>
    public (int X, int Y, int Z) BinCounts => (_x.Length - 1, _y.Length - 1, _z.Length - 1);

    public int OutputCount => (_x.Length - 1) * (_y.Length - 1) * (_z.Length - 1);

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        var nSeg = cell.SegmentCount;
        var (bx, by, bz) = BinCounts;
        var m = new double[OutputCount * nSeg];
        for (var i = 0; i < nSeg; i++)
        {
            var n = (int)Math.Ceiling(cell.Length[i] / _dl);
            if (n <= 0)
            {
                continue;
            }

            var dx = (cell.XStart[i] - cell.XEnd[i]) / n;
            var dy = (cell.YStart[i] - cell.YEnd[i]) / n;
            var dz = (cell.ZStart[i] - cell.ZEnd[i]) / n;
            var weight = 1.0 / n;
            for (var k = 0; k < n; k++)
            {
                var px = LinSpace(cell.XStart[i] - dx / 2, cell.XEnd[i] + dx / 2, n, k);
                var py = LinSpace(cell.YStart[i] - dy / 2, cell.YEnd[i] + dy / 2, n, k);
                var pz = LinSpace(cell.ZStart[i] - dz / 2, cell.ZEnd[i] + dz / 2, n, k);
                var ix = Bin(_x, px);
                var iy = Bin(_y, py);
                var iz = Bin(_z, pz);
                if (ix < 0 || iy < 0 || iz < 0)
                {
                    continue;
                }

                m[((ix * by + iy) * bz + iz) * nSeg + i] += weight;
            }
        }

        return new TransformationMatrix(OutputCount, nSeg, m);
    }

    /// <summary>Element k of numpy.linspace(start, stop, n).</summary>
    private static double LinSpace(double start, double stop, int n, int k)
    {
        if (n == 1)
        {
            return start;
        }

        if (k == n - 1)
        {
            return stop;
        }

        var step = (stop - start) / (n - 1);
        return step == 0 ? k / (double)(n - 1) * (stop - start) + start : k * step + start;
    }

    /// <summary>numpy.histogramdd bin of v for increasing edges, or −1 when outside.</summary>
    private static int Bin(double[] edges, double v)
    {
        if (!(v >= edges[0]) || v > edges[^1])
        {
            return -1;
        }

        if (v == edges[^1])
        {
            return edges.Length - 2;
        }

        // Number of edges ≤ v, minus one.
        var lo = 0;
        var hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo - 1;
    }

    private static void CheckEdges(double[] edges, string name)
    {
        ArgumentNullException.ThrowIfNull(edges, name);
        if (edges.Length < 2)
        {
            throw new ArgumentException($"{name} must hold at least 2 bin edges (µm).", name);
        }

        for (var k = 1; k < edges.Length; k++)
        {
            if (!(edges[k] > edges[k - 1]))
            {
                throw new ArgumentException($"{name} bin edges must increase; {name}[{k}] = {edges[k]} ≤ {edges[k - 1]}.", name);
            }
        }
    }
}
