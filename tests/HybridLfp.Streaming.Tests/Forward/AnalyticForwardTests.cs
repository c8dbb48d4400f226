using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Geometry;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>Forward models against closed forms and limits that do not depend on LFPykit.</summary>
public sealed class AnalyticForwardTests
{
    private const double Sigma = 0.3; // S/m

    [Theory]
    [InlineData(10.0)]
    [InlineData(123.4)]
    [InlineData(5000.0)]
    public void PointSourceGivesCurrentOverFourPiSigmaR(double r)
    {
        var cell = Cell((0, 0, -1, 0, 0, 1, 2.0));
        var model = new PointSourcePotential([r / Math.Sqrt(2)], [0], [r / Math.Sqrt(2)], Sigma);
        var m = model.GetTransformationMatrix(cell);
        var expected = 1.0 / (4 * Math.PI * Sigma * r); // mV per nA
        Assert.Equal(expected, m[0, 0], expected * 1e-14);
    }

    [Fact]
    public void PointSourceDistanceIsAtLeastTheSegmentRadius()
    {
        var cell = Cell((0, 0, -1, 0, 0, 1, 8.0));
        var m = new PointSourcePotential([1.0], [0], [0], Sigma).GetTransformationMatrix(cell);
        Assert.Equal(1.0 / (4 * Math.PI * Sigma * 4.0), m[0, 0], 1e-15);
    }

    [Theory]
    [InlineData(5.0, 20.0)]
    [InlineData(50.0, 7.0)]
    public void LineSourceOnThePerpendicularBisectorMatchesClosedForm(double r, double length)
    {
        // φ = I/(4πσL) · 2·asinh(L / 2r) for a contact at distance r from the midpoint, perpendicular to the segment.
        var cell = Cell((0, 0, -length / 2, 0, 0, length / 2, 1.0));
        var m = new LineSourcePotential([r], [0], [0], Sigma).GetTransformationMatrix(cell);
        var expected = 2 * Math.Asinh(length / (2 * r)) / (4 * Math.PI * Sigma * length);
        Assert.Equal(expected, m[0, 0], expected * 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(30.0)]
    [InlineData(1e4)]
    public void LineSourceOnTheAxisBeyondTheEndMatchesClosedForm(double a)
    {
        // φ = I/(4πσL) · ln((a + L)/a) for a contact on the axis, a beyond the end; with a radius far below a.
        const double length = 20.0;
        var cell = Cell((0, 0, 0, 0, 0, length, 1e-3));
        foreach (var z in new[] { length + a, -a })
        {
            var m = new LineSourcePotential([0], [0], [z], Sigma).GetTransformationMatrix(cell);
            var expected = Math.Log((a + length) / a) / (4 * Math.PI * Sigma * length);
            Assert.True(Math.Abs(m[0, 0] - expected) <= expected * 1e-6, $"z = {z}: {m[0, 0]} vs {expected}");
        }
    }

    [Fact]
    public void LineSourceInsideTheSegmentIsFiniteAndClampedToTheRadius()
    {
        // On the axis inside the segment r is raised to the radius: φ = 2·asinh(L/2r)/(4πσL) at the midpoint.
        const double length = 20.0, radius = 1.0;
        var cell = Cell((0, 0, -length / 2, 0, 0, length / 2, 2 * radius));
        var m = new LineSourcePotential([0], [0], [0], Sigma).GetTransformationMatrix(cell);
        var expected = 2 * Math.Asinh(length / (2 * radius)) / (4 * Math.PI * Sigma * length);
        Assert.Equal(expected, m[0, 0], expected * 1e-12);
    }

    [Fact]
    public void ZeroLengthSegmentIsAPointSource()
    {
        var cell = Cell((0, 0, 5, 0, 0, 5, 2.0));
        var m = new LineSourcePotential([30, 0.5], [40, 0], [5, 5], Sigma).GetTransformationMatrix(cell);
        Assert.Equal(1.0 / (4 * Math.PI * Sigma * 50), m[0, 0], 1e-15);
        Assert.Equal(1.0 / (4 * Math.PI * Sigma * 1.0), m[1, 0], 1e-15); // within the radius: clamped to d/2
    }

    [Fact]
    public void FarLineSourceTendsToPointSource()
    {
        var cell = Cell((3, -2, 10, 8, 5, 25, 2.0));
        var x = new[] { 1e4, -3e4, 0 };
        var y = new[] { 0.0, 2e4, 5e4 };
        var z = new[] { 2e3, 0, -1e4 };
        var line = new LineSourcePotential(x, y, z, Sigma).GetTransformationMatrix(cell);
        var point = new PointSourcePotential(x, y, z, Sigma).GetTransformationMatrix(cell);
        for (var j = 0; j < 3; j++)
        {
            // Relative difference ~ (L/r)² ≈ 1e-6.
            Assert.True(Math.Abs(line[j, 0] / point[j, 0] - 1) < 1e-5, $"contact {j}: {line[j, 0]} vs {point[j, 0]}");
        }
    }

    [Fact]
    public void DipoleFarFieldEqualsCdmBasedInfiniteVolumeConductor()
    {
        // +I and −I point sources 20 µm apart; potential at R = 2000 µm from the dipole centre.
        var cell = Cell((0, 0, 5, 0, 0, 15, 1.0), (0, 0, -15, 0, 0, -5, 1.0));
        double[][] currents = [[1.0], [-1.0]];
        var contacts = new[] { new Vec3(2000, 0, 0), new Vec3(0, 0, 2000), new Vec3(1200, -900, 1000) };
        var point = new PointSourcePotential(contacts.Select(c => c.X).ToArray(), contacts.Select(c => c.Y).ToArray(),
            contacts.Select(c => c.Z).ToArray(), Sigma).GetTransformationMatrix(cell).Apply(currents);
        var p = new CurrentDipoleMoment().GetTransformationMatrix(cell).Apply(currents);
        Assert.Equal(20.0, p[2][0], 1e-12); // nA·µm
        var dipole = new InfiniteVolumeConductor(contacts, Sigma).GetTransformationMatrix(new Vec3(0, 0, 0)).Apply(p);
        var scale = Math.Abs(dipole.Max(r => Math.Abs(r[0])));
        for (var j = 0; j < contacts.Length; j++)
        {
            // Quadrupole and higher terms vanish; the octupole error is ~ (d/R)² ≈ 1e-4 of the dipole field.
            Assert.True(Math.Abs(point[j][0] - dipole[j][0]) <= 3e-4 * scale, $"contact {j}: {point[j][0]} vs {dipole[j][0]}");
        }
    }

    [Fact]
    public void FourSphereWithEqualConductivitiesTendsToInfiniteMediumNearTheCentre()
    {
        var electrodes = new[] { new Vec3(0, 0, 900), new Vec3(600, 0, 500), new Vec3(-400, 300, -700) };
        var location = new Vec3(0, 0, 100);
        var fs = new FourSphereVolumeConductor(electrodes, [79000, 80000, 85000, 90000], [0.3, 0.3, 0.3, 0.3]);
        var inf = new InfiniteVolumeConductor(electrodes, 0.3);
        var mfs = fs.GetTransformationMatrix(location);
        var minf = inf.GetTransformationMatrix(location);
        var scale = minf.Values.Max(Math.Abs);
        for (var k = 0; k < mfs.Values.Length; k++)
        {
            // An insulated sphere of radius 90 mm adds a boundary term ~ (r/R)³ ≈ 1e-6 relative near the centre.
            Assert.True(Math.Abs(mfs.Values[k] - minf.Values[k]) <= 1e-5 * scale, $"entry {k}: {mfs.Values[k]} vs {minf.Values[k]}");
        }
    }

    [Fact]
    public void LaminarCsdIntegratesBackToTheTotalCurrent()
    {
        // Segments crossing one layer boundary each (shorter than a layer, the model's assumption) and inside the
        // cylinders' radius: Σ_k CSD_k·V_k = Σ_i I_i.
        var cell = Cell((0, 0, -90, 0, 0, -20, 2), (0, 0, -20, 5, 5, 40, 2), (5, 5, 40, -10, 3, 90, 2), (-10, 3, 90, 20, -10, 140, 1));
        double[] z0 = [-100, -50, 0, 50, 100];
        var edges = z0.Select(z => new[] { z, z + 50 }).ToArray();
        var radii = Enumerable.Repeat(80.0, 5).ToArray();
        var csd = new LaminarCurrentSourceDensity(edges, radii).GetTransformationMatrix(cell);
        double[][] currents = [[0.7], [-1.3], [2.1], [0.4]];
        var c = csd.Apply(currents);
        var total = Enumerable.Range(0, 5).Sum(k => c[k][0] * Math.PI * radii[k] * radii[k] * 50);
        Assert.Equal(currents.Sum(r => r[0]), total, 1e-12);
    }

    [Fact]
    public void VolumetricCsdIntegratesBackToTheTotalCurrent()
    {
        var cell = Cell((0, 0, -90, 0, 0, -20, 2), (0, 0, -20, 5, 5, 40, 2), (5, 5, 40, -10, 3, 135, 2));
        var csd = new VolumetricCurrentSourceDensity([-50, 0, 50], [-50, 0, 50], [-100, -40, 20, 80, 140], 1.0);
        var m = csd.GetTransformationMatrix(cell);
        double[][] currents = [[0.7], [-1.3], [2.1]];
        var sparse = new SparseTransformationMatrix(m);
        var output = new double[m.Rows];
        sparse.ApplyBlock(currents.Select(r => r[0]).ToArray(), 1, output);
        Assert.True(sparse.NonZeroCount < m.Values.Length);
        Assert.Equal(currents.Sum(r => r[0]), output.Sum(), 1e-12);
    }

    [Fact]
    public void ChainedDipoleMatrixEqualsProjectingTheDipoleMoment()
    {
        var cell = Cell((0, 0, -10, 0, 0, 10, 2), (0, 0, 10, 30, 0, 200, 2), (0, 0, -10, -20, 10, -150, 1));
        double[][] currents = [[1.0, -0.2], [-0.6, 0.5], [-0.4, -0.3]];
        var fs = new FourSphereVolumeConductor([new Vec3(0, 0, 90000), new Vec3(20000, 0, 85000)]);
        var location = new Vec3(0, 0, 78000);
        var chained = DipoleChain.Compose(fs, location, cell).Apply(currents);
        var viaCdm = fs.GetTransformationMatrix(location).Apply(new CurrentDipoleMoment().GetTransformationMatrix(cell).Apply(currents));
        Assert.True(Support.ReferenceCase.ErrorRelativeToMax(viaCdm, chained) <= 1e-13);
    }

    /// <summary>A cell of straight segments (start x, y, z, end x, y, z, diameter), µm.</summary>
    internal static CellGeometry Cell(params (double X0, double Y0, double Z0, double X1, double Y1, double Z1, double D)[] segments)
    {
        var length = segments.Select(s => Math.Sqrt(Math.Pow(s.X1 - s.X0, 2) + Math.Pow(s.Y1 - s.Y0, 2) + Math.Pow(s.Z1 - s.Z0, 2))).ToArray();
        return new CellGeometry(
            segments.Select(s => s.X0).ToArray(), segments.Select(s => s.X1).ToArray(),
            segments.Select(s => s.Y0).ToArray(), segments.Select(s => s.Y1).ToArray(),
            segments.Select(s => s.Z0).ToArray(), segments.Select(s => s.Z1).ToArray(),
            segments.Select(s => s.D).ToArray(), length,
            segments.Select((s, i) => Math.PI * s.D * length[i]).ToArray());
    }
}
