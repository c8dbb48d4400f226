using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Forward;

/// <summary>Multi-dipole potentials: one dipole per axial current of an unbranched cable.</summary>
public sealed class MultiDipolePotentialTests
{
    [Fact]
    public void AxialCurrentDipolesReproduceThePointSourcePotentialFarAway()
    {
        // Unbranched cable of 10 segments along z (20 µm each), membrane currents summing to zero. By Kirchhoff the
        // axial current from midpoint k to k+1 is J_k = −Σ_{i ≤ k} I_i (what leaves
        // segments 0..k through the membrane flows in axially); each is a dipole J_k·(r_{k+1} − r_k) at the
        // middle. Far away (R ≫ 20 µm) their sum equals the point-source potential up to O((d/R)²).
        const int n = 10;
        var cell = AnalyticForwardTests.Cell(Enumerable.Range(0, n).Select(i => (0.0, 0.0, 20.0 * i, 3.0, 0.0, 20.0 * (i + 1), 1.0)).ToArray());
        var random = new Random(7);
        var currents = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var mean = currents.Average();
        currents = currents.Select(c => c - mean).ToArray();

        var locations = new List<Vec3>();
        var dipoles = new List<double[][]>();
        var running = 0.0;
        for (var k = 0; k < n - 1; k++)
        {
            running -= currents[k];
            var a = new Vec3(cell.XMid(k), cell.YMid(k), cell.ZMid(k));
            var b = new Vec3(cell.XMid(k + 1), cell.YMid(k + 1), cell.ZMid(k + 1));
            var d = b - a;
            locations.Add(a + 0.5 * d);
            dipoles.Add([[running * d.X], [running * d.Y], [running * d.Z]]);
        }

        var contacts = new[] { new Vec3(5000, 0, 100), new Vec3(0, -4000, 3000), new Vec3(-2000, 1000, -6000) };
        var multi = MultiDipolePotential.GetPotential(new InfiniteVolumeConductor(contacts, 0.3), locations, dipoles);
        var point = new PointSourcePotential(contacts.Select(c => c.X).ToArray(), contacts.Select(c => c.Y).ToArray(),
            contacts.Select(c => c.Z).ToArray(), 0.3).GetTransformationMatrix(cell).Apply(currents.Select(c => new[] { c }).ToArray());
        var error = ReferenceCase.ErrorRelativeToMax(point, multi);
        Assert.True(error < 1e-3, $"relative error {error:E3}");

        // The summed multi-dipole moment is the cell's current dipole moment (exactly, by telescoping).
        var cdm = new CurrentDipoleMoment().GetTransformationMatrix(cell).Apply(currents.Select(c => new[] { c }).ToArray());
        for (var a = 0; a < 3; a++)
        {
            Assert.Equal(cdm[a][0], dipoles.Sum(p => p[a][0]), 1e-12);
        }
    }

    [Fact]
    public void CombinedMatrixIsTheSumOfSingleDipoleMatrices()
    {
        var fs = new FourSphereVolumeConductor([new Vec3(0, 0, 90000), new Vec3(30000, 0, 80000)]);
        Vec3[] locations = [new Vec3(0, 0, 78000), new Vec3(100, -50, 77900)];
        var m = MultiDipolePotential.GetTransformationMatrix(fs, locations);
        Assert.Equal(6, m.Columns);
        for (var k = 0; k < 2; k++)
        {
            var single = fs.GetTransformationMatrix(locations[k]);
            for (var r = 0; r < 2; r++)
            {
                for (var a = 0; a < 3; a++)
                {
                    Assert.Equal(single[r, a], m[r, 3 * k + a]);
                }
            }
        }
    }
}
