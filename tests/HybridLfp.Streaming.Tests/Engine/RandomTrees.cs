using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Engine;

/// <summary>Seeded random branched morphologies: tapered multi-point sections, children at 0, 1 and mid-section.</summary>
internal static class RandomTrees
{
    public static MorphologyDescription Create(int seed, int sectionCount)
    {
        var rng = new Random(seed);
        var parents = new int[sectionCount];
        var parentX = new double[sectionCount];
        parents[0] = -1;
        for (var s = 1; s < sectionCount; s++)
        {
            parents[s] = rng.Next(s);
            parentX[s] = rng.Next(4) switch
            {
                0 => 0.0,
                1 => 1.0,
                2 => 0.5,
                _ => Math.Round(rng.NextDouble(), 3),
            };
        }

        // shuffle the creation order so that parents need not come first
        var order = Enumerable.Range(0, sectionCount).OrderBy(_ => rng.Next()).ToArray();
        var position = new int[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            position[order[i]] = i;
        }

        var sections = new SectionDescription[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            var s = order[i];
            var n = 2 + rng.Next(5);
            var points = ImmutableArray.CreateBuilder<Pt3dPoint>(n);
            double x = rng.NextDouble() * 10, y = rng.NextDouble() * 10, z = rng.NextDouble() * 10;
            var d = s == 0 ? 15 + rng.NextDouble() * 10 : 0.5 + rng.NextDouble() * 3;
            for (var k = 0; k < n; k++)
            {
                points.Add(Pt3dPoint.FromDouble(x, y, z, d));
                x += rng.NextDouble() * 40 - 20;
                y += rng.NextDouble() * 40 - 20;
                z += 5 + rng.NextDouble() * 40;
                d = Math.Max(0.3, d * (0.7 + rng.NextDouble() * 0.5));
            }

            var name = s == 0 ? "soma" : $"dend[{s}]";
            var parent = parents[s] < 0 ? -1 : position[parents[s]];
            sections[i] = new SectionDescription(name, parent, parents[s] < 0 ? double.NaN : parentX[s], 0, points.MoveToImmutable());
        }

        return new MorphologyDescription([.. sections], $"random tree {seed}");
    }
}
