using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Extracellular potential at electrode contacts (LFPy's <c>RecExtElectrode</c>): M (n_contacts × n_seg), mV/nA,
/// so V_ex (mV) = M · I (nA). Assumptions: infinite, homogeneous, linear medium with scalar σ, or diagonal
/// anisotropic σ = [σx, σy, σz] (S/m); segments as line sources, point sources, or line sources with the root
/// (segment 0, the soma in LFPy order) as a point source; minimum distance to a segment is its radius d/2. Contacts
/// are points, or finite surfaces (<see cref="ContactSurface"/>) whose potential is the mean over n points.
/// Immutable apart from <see cref="RecordedPoints"/>, which each matrix call sets: do not share one instance between
/// threads that build matrices concurrently.
/// </summary>
public sealed class RecExtElectrode : ILinearModel
{
    private readonly Vec3[] _contacts;

    /// <summary>Contact positions, µm.</summary>
    public IReadOnlyList<Vec3> Contacts => _contacts;

    /// <summary>Extracellular conductivity, S/m.</summary>
    public Conductivity Sigma { get; }

    /// <summary>Source approximation.</summary>
    public ExtracellularMethod Method { get; }

    /// <summary>Contact surfaces for n-point averaging, or null for point contacts.</summary>
    public ContactSurface? Surface { get; }

    /// <summary>The points used by the last call of <see cref="GetTransformationMatrix"/>, [contact][point] µm (the
    /// contact centres themselves for point contacts), as LFPy's <c>recorded_points</c>.</summary>
    public Vec3[][]? RecordedPoints { get; private set; }

    public int OutputCount => _contacts.Length;

    public RecExtElectrode(double[] x, double[] y, double[] z, Conductivity sigma, ExtracellularMethod method = ExtracellularMethod.LineSource, ContactSurface? surface = null)
    {
        ParameterChecks.SameLength(x, y, z, "x", "y", "z");
        ParameterChecks.Finite(x.Concat(y).Concat(z), "x, y, z");
        _contacts = new Vec3[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            _contacts[i] = new Vec3(x[i], y[i], z[i]);
        }

        if (surface is not null && surface.Normals.Count != x.Length)
        {
            throw new ArgumentException($"N has {surface.Normals.Count} normals; the electrode has {x.Length} contacts.", "N");
        }

        Sigma = sigma;
        Method = method;
        Surface = surface;
    }

    public TransformationMatrix GetTransformationMatrix(CellGeometry cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var n = cell.SegmentCount;
        var rLimit = RadiusLimits(cell);
        var values = new double[_contacts.Length * n];
        if (Surface is null)
        {
            for (var c = 0; c < _contacts.Length; c++)
            {
                Row(cell, _contacts[c], rLimit, values.AsSpan(c * n, n));
            }

            RecordedPoints = _contacts.Select(p => new[] { p }).ToArray();
        }
        else
        {
            var points = Surface.PointsFor(_contacts);
            var tmp = new double[n];
            for (var c = 0; c < _contacts.Length; c++)
            {
                var row = values.AsSpan(c * n, n);
                foreach (var p in points[c])
                {
                    Row(cell, p, rLimit, tmp);
                    for (var i = 0; i < n; i++)
                    {
                        row[i] += tmp[i];
                    }
                }

                for (var i = 0; i < n; i++)
                {
                    row[i] /= points[c].Length;
                }
            }

            RecordedPoints = points;
        }

        return new TransformationMatrix(_contacts.Length, n, values);
    }

    /// <summary>Minimum source distance per segment: the segment radius d/2, µm.</summary>
    internal static double[] RadiusLimits(CellGeometry cell)
    {
        var r = new double[cell.SegmentCount];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = cell.Diameter[i] / 2;
        }

        return r;
    }

    private void Row(CellGeometry cell, Vec3 p, ReadOnlySpan<double> rLimit, Span<double> row)
    {
        if (Sigma.IsAnisotropic)
        {
            switch (Method)
            {
                case ExtracellularMethod.LineSource:
                    AnisotropicLineSourceFormulas.LineSource(cell, p, Sigma, rLimit, row);
                    break;
                case ExtracellularMethod.PointSource:
                    PointSourceFormulas.Anisotropic(cell, p, Sigma, rLimit, row);
                    break;
                default:
                    AnisotropicLineSourceFormulas.RootAsPoint(cell, p, Sigma, rLimit, row);
                    break;
            }

            return;
        }

        var sigma = Sigma.ScalarSPerM;
        switch (Method)
        {
            case ExtracellularMethod.LineSource:
                LineSourceFormulas.LineSource(cell, p, sigma, rLimit, row);
                break;
            case ExtracellularMethod.PointSource:
                PointSourceFormulas.Isotropic(cell, p, sigma, rLimit, row);
                break;
            default:
                LineSourceFormulas.RootAsPoint(cell, p, sigma, rLimit, row);
                break;
        }
    }
}
