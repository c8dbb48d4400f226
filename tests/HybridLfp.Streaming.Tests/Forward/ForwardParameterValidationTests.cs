using HybridLfp.Streaming.Numerics.Forward;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>Bad parameters give ArgumentException naming the parameter.</summary>
public sealed class ForwardParameterValidationTests
{
    private static readonly double[] One = [0.0];

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.3)]
    [InlineData(double.NaN)]
    public void NonPositiveSigmaIsRejected(double sigma)
    {
        Assert.Equal("sigma", Assert.ThrowsAny<ArgumentException>(() => new PointSourcePotential(One, One, One, sigma)).ParamName);
        Assert.Equal("sigma", Assert.ThrowsAny<ArgumentException>(() => new LineSourcePotential(One, One, One, sigma)).ParamName);
        Assert.Equal("sigma", Assert.ThrowsAny<ArgumentException>(() => Conductivity.Isotropic(sigma)).ParamName);
        Assert.Equal("sigma[2]", Assert.ThrowsAny<ArgumentException>(() => Conductivity.Anisotropic(0.3, 0.3, sigma)).ParamName);
        Assert.Equal("sigma", Assert.ThrowsAny<ArgumentException>(() => new InfiniteVolumeConductor([new Vec3(0, 0, 100)], sigma)).ParamName);
        Assert.Equal("sigmas[1]", Assert.ThrowsAny<ArgumentException>(() => new FourSphereVolumeConductor([new Vec3(0, 0, 90000)], null, [0.3, sigma, 0.015, 0.3])).ParamName);
        Assert.Equal("sigma_T", Assert.ThrowsAny<ArgumentException>(() => new RecMEAElectrode(One, One, One, sigmaT: sigma, method: ExtracellularMethod.PointSource)).ParamName);
        Assert.Equal("sigma_i", Assert.ThrowsAny<ArgumentException>(() => new OneSphereVolumeConductor([[1.0], [0.0], [0.0]], 10000, sigma, 0.03)).ParamName);
    }

    [Fact]
    public void ElectrodeOutsideTheHeadIsRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new FourSphereVolumeConductor([new Vec3(0, 0, 89000), new Vec3(0, 0, 90000.001)]));
        Assert.Equal("r_electrodes", e.ParamName);
        Assert.Contains("r_electrodes[1]", e.Message);
    }

    [Fact]
    public void DipoleOutsideTheBrainOrElectrodeBelowTheDipoleIsRejected()
    {
        var fs = new FourSphereVolumeConductor([new Vec3(0, 0, 90000), new Vec3(0, 0, 1000)]);
        Assert.Equal("dipole_location", Assert.ThrowsAny<ArgumentException>(() => fs.GetTransformationMatrix(new Vec3(0, 0, 79000))).ParamName);
        Assert.Equal("dipole_location", Assert.ThrowsAny<ArgumentException>(() => fs.GetTransformationMatrix(new Vec3(0, 0, 0))).ParamName);
        Assert.Equal("r_electrodes", Assert.ThrowsAny<ArgumentException>(() => fs.GetTransformationMatrix(new Vec3(0, 0, 78000))).ParamName);
    }

    [Fact]
    public void WrongShapesAreRejected()
    {
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => new RecExtElectrode([0, 1], [0], [0, 1], Conductivity.Isotropic(0.3))).ParamName);
        Assert.Equal("radii", Assert.ThrowsAny<ArgumentException>(() => new FourSphereVolumeConductor([new Vec3(0, 0, 1000)], [1, 2, 3])).ParamName);
        Assert.Equal("r", Assert.ThrowsAny<ArgumentException>(() => new OneSphereVolumeConductor([[1.0], [0.0]])).ParamName);
        Assert.Equal("r", Assert.ThrowsAny<ArgumentException>(() => new LaminarCurrentSourceDensity([[0.0, 10.0]], [5.0, 5.0])).ParamName);
        Assert.Equal("z", Assert.ThrowsAny<ArgumentException>(() => new LaminarCurrentSourceDensity([[10.0, 0.0]], [5.0])).ParamName);
        Assert.Equal("N", Assert.ThrowsAny<ArgumentException>(() => new RecExtElectrode([0, 1], [0, 0], [0, 0], Conductivity.Isotropic(0.3),
            ExtracellularMethod.LineSource, new ContactSurface([new Vec3(1, 0, 0)], 5, 10))).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => new ContactSurface([new Vec3(1, 0, 0)], 5, 3, ContactShape.Circle, 0,
            [[new Vec3(0, 0, 0), new Vec3(0, 1, 0)]])).ParamName);
        Assert.Equal("x", Assert.ThrowsAny<ArgumentException>(() => new VolumetricCurrentSourceDensity([0, 0], [0, 1], [0, 1])).ParamName);
        Assert.Equal("dipole_location", Assert.ThrowsAny<ArgumentException>(() => Vec3.FromArray([1.0, 2.0], "dipole_location")).ParamName);
    }

    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(-1.0, 10)]
    public void NonPositiveContactRadiusWithSeveralPointsIsRejected(double r, int n)
    {
        Assert.Equal("r", Assert.ThrowsAny<ArgumentException>(() => new ContactSurface([new Vec3(1, 0, 0)], r, n)).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void ContactSurfaceNeedsMoreThanOnePoint(int n)
    {
        Assert.Equal("n", Assert.ThrowsAny<ArgumentException>(() => new ContactSurface([new Vec3(1, 0, 0)], 5, n)).ParamName);
    }

    [Fact]
    public void MeaLineSourceNeedsContactsOnThePlaneAndInsulatingGlass()
    {
        Assert.Equal("z", Assert.ThrowsAny<ArgumentException>(() => new RecMEAElectrode([0], [0], [5], zShiftUm: 0, method: ExtracellularMethod.LineSource)).ParamName);
        Assert.Equal("sigma_G", Assert.ThrowsAny<ArgumentException>(() => new RecMEAElectrode([0], [0], [0], sigmaG: 0.1, method: ExtracellularMethod.RootAsPoint)).ParamName);
    }

    [Fact]
    public void MeaCellOutsideTheSliceIsRejected()
    {
        var cell = AnalyticForwardTests.Cell((0, 0, 50, 0, 0, 100, 2), (0, 0, 100, 0, 0, 400, 2));
        var mea = new RecMEAElectrode([0], [0], [0], hUm: 300, method: ExtracellularMethod.PointSource);
        Assert.Equal("cell", Assert.ThrowsAny<ArgumentException>(() => mea.GetTransformationMatrix(cell)).ParamName);

        // Squeezed by 0.5 about the root midpoint (z = 75) the cell fits: 400 → 237.5.
        var squeezed = new RecMEAElectrode([0], [0], [0], hUm: 300, method: ExtracellularMethod.PointSource, squeezeCellFactor: 0.5);
        Assert.Equal(2, squeezed.GetTransformationMatrix(cell).Columns);
    }

    [Fact]
    public void SeededContactPointsAreReproducibleAndOnTheDisc()
    {
        var surface = new ContactSurface([new Vec3(1, 0, 0), new Vec3(0, 1, 1)], 5, 25, ContactShape.Circle, seed: 42);
        var centres = new[] { new Vec3(10, 0, 0), new Vec3(0, 20, 30) };
        var a = surface.PointsFor(centres);
        var b = surface.PointsFor(centres);
        Assert.Equal(a.SelectMany(p => p), b.SelectMany(p => p));
        for (var c = 0; c < 2; c++)
        {
            var n = (1 / surface.Normals[c].Norm) * surface.Normals[c];
            foreach (var p in a[c])
            {
                var d = p - centres[c];
                Assert.True(Math.Abs(d.Dot(n)) < 1e-12, "point off the contact plane");
                Assert.True(d.Norm <= 5 + 1e-12, "point outside the disc");
            }
        }

        var electrode = new RecExtElectrode([10, 0], [0, 20], [0, 30], Conductivity.Isotropic(0.3), ExtracellularMethod.PointSource, surface);
        electrode.GetTransformationMatrix(AnalyticForwardTests.Cell((0, 0, 0, 0, 0, 10, 1)));
        Assert.Equal(a.SelectMany(p => p), electrode.RecordedPoints!.SelectMany(p => p));
    }
}
