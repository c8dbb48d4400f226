namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>Shape of an electrode contact surface for n-point averaging.</summary>
public enum ContactShape
{
    /// <summary>A disc of radius r, µm.</summary>
    Circle,

    /// <summary>A square of half side r, µm (side 2r), axes in the contact plane.</summary>
    Square,
}

/// <summary>
/// Finite contact surfaces for <see cref="RecExtElectrode"/> (LFPy's N, r, n, contact_shape): the potential of each
/// contact is the mean of the point-contact potential over n points on its surface. The points are either given
/// (e.g. the ones LFPy drew, <c>disk_recorded_points</c>) or drawn uniformly on the surface by a seeded generator
/// (System.Random with <see cref="Seed"/>; deterministic, but not numpy's stream).
/// </summary>
public sealed class ContactSurface
{
    /// <summary>Surface normal per contact (any length &gt; 0).</summary>
    public IReadOnlyList<Vec3> Normals { get; }

    /// <summary>Contact radius (circle) or half side (square), µm.</summary>
    public double RadiusUm { get; }

    /// <summary>Number of points averaged per contact (&gt; 1).</summary>
    public int PointCount { get; }

    /// <summary>Contact shape.</summary>
    public ContactShape Shape { get; }

    /// <summary>Seed of the point generator (used when <see cref="GivenPoints"/> is null).</summary>
    public int Seed { get; }

    /// <summary>Given points per contact [contact][point] (µm), or null to draw them.</summary>
    public IReadOnlyList<IReadOnlyList<Vec3>>? GivenPoints { get; }

    public ContactSurface(IReadOnlyList<Vec3> normals, double radiusUm, int pointCount, ContactShape shape = ContactShape.Circle,
        int seed = 0, IReadOnlyList<IReadOnlyList<Vec3>>? givenPoints = null)
    {
        ArgumentNullException.ThrowIfNull(normals, "N");
        if (pointCount <= 1)
        {
            throw new ArgumentOutOfRangeException("n", pointCount, $"n (points per contact) must be > 1; got {pointCount}.");
        }

        ParameterChecks.Positive(radiusUm, "r", "µm");
        for (var i = 0; i < normals.Count; i++)
        {
            if (!(normals[i].Norm > 0))
            {
                throw new ArgumentException($"N[{i}] must be a non-zero normal vector.", "N");
            }
        }

        if (givenPoints is not null)
        {
            if (givenPoints.Count != normals.Count)
            {
                throw new ArgumentException($"recorded points are given for {givenPoints.Count} contacts; N has {normals.Count}.", "points");
            }

            for (var i = 0; i < givenPoints.Count; i++)
            {
                if (givenPoints[i].Count != pointCount)
                {
                    throw new ArgumentException($"points[{i}] has {givenPoints[i].Count} points; n = {pointCount}.", "points");
                }
            }
        }

        Normals = normals;
        RadiusUm = radiusUm;
        PointCount = pointCount;
        Shape = shape;
        Seed = seed;
        GivenPoints = givenPoints;
    }

    /// <summary>The points of every contact centred at the given contact positions (µm): the given ones, or drawn.</summary>
    public Vec3[][] PointsFor(IReadOnlyList<Vec3> centres)
    {
        if (centres.Count != Normals.Count)
        {
            throw new ArgumentException($"N has {Normals.Count} normals; the electrode has {centres.Count} contacts.", "N");
        }

        var result = new Vec3[centres.Count][];
        if (GivenPoints is not null)
        {
            for (var i = 0; i < centres.Count; i++)
            {
                result[i] = [.. GivenPoints[i]];
            }

            return result;
        }

        var random = new Random(Seed);
        for (var i = 0; i < centres.Count; i++)
        {
            var (e1, e2) = PlaneBasis(Normals[i]);
            var points = new Vec3[PointCount];
            for (var k = 0; k < PointCount; k++)
            {
                double u, v;
                if (Shape == ContactShape.Circle)
                {
                    // Uniform on the disc: radius ∝ sqrt of a uniform number.
                    var rr = RadiusUm * Math.Sqrt(random.NextDouble());
                    var angle = 2 * Math.PI * random.NextDouble();
                    u = rr * Math.Cos(angle);
                    v = rr * Math.Sin(angle);
                }
                else
                {
                    u = RadiusUm * (2 * random.NextDouble() - 1);
                    v = RadiusUm * (2 * random.NextDouble() - 1);
                }

                points[k] = centres[i] + u * e1 + v * e2;
            }

            result[i] = points;
        }

        return result;
    }

    /// <summary>Two orthonormal vectors spanning the plane normal to n.</summary>
    private static (Vec3, Vec3) PlaneBasis(Vec3 n)
    {
        var nn = (1 / n.Norm) * n;
        var helper = Math.Abs(nn.X) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        var e1 = helper.Cross(nn);
        e1 = (1 / e1.Norm) * e1;
        var e2 = nn.Cross(e1);
        return (e1, e2);
    }
}
