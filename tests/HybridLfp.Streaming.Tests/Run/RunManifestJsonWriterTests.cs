using System.Text;
using System.Text.Json;
using HybridLfp.Streaming.Pipeline.Run;

namespace HybridLfp.Streaming.Tests.Run;

/// <summary>
/// run.json is written by hand (<see cref="RunManifestJsonWriter"/>) but read with the generated serializer: the
/// two must agree byte for byte on every field, including nulls left out and non-finite numbers.
/// </summary>
public sealed class RunManifestJsonWriterTests
{
    public static TheoryData<string> Cases => new() { "full", "nulls", "non-finite" };

    private static RunManifest Manifest(string kind) => kind switch
    {
        "full" => new RunManifest
        {
            Recipe = "/data/run/brunel.yaml",
            DtMs = 0.1,
            DtOutputMs = 1,
            TstopMs = 1000,
            Seed = ulong.MaxValue,
            Populations = [new RunManifestPopulation("EX", 200, "/m/ex.swc"), new RunManifestPopulation("IN", 50, null)],
            Network = [new RunManifestNetworkPopulation("EX", 1, 200, ["/d/ex-0.gdf", "/d/ex-1.gdf"]), new RunManifestNetworkPopulation("P", 5_000_000_000, 3, [])],
            Probes = [new RunManifestProbe("RecExtElectrode", "RecExtElectrode", 2, "mV", [0.0, -100.5]),
                      new RunManifestProbe("csd", "LaminarCurrentSourceDensity", 1, "nA/µm³", null)],
            Files = ["signals.h5", "populations/EX_population_RecExtElectrode.h5", "weird \"name\"\t.csv"],
            Summary = new RunManifestSummary(250, 7450, 124144, 1000, 1000, 2_500_000, 0.8857324, 91_484_160, 84111183.01645057),
        },
        "nulls" => new RunManifest { Status = "incomplete", DtMs = 1.0 / 3, DtOutputMs = 1e-300, TstopMs = 1e21 },
        _ => new RunManifest
        {
            Probes = [new RunManifestProbe("p", "m", 3, "mV", [double.NaN, double.PositiveInfinity, double.NegativeInfinity])],
            Summary = new RunManifestSummary(1, 1, 0, 1, 1, 1, 0, 0, double.PositiveInfinity),
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WritesExactlyWhatTheSerializerWrites(string kind)
    {
        var manifest = Manifest(kind);
        var expected = JsonSerializer.Serialize(manifest, RunManifestJsonContext.Default.RunManifest);
        Assert.Equal(expected, Encoding.UTF8.GetString(RunManifestJsonWriter.ToUtf8(manifest)));
    }

    [Fact]
    public void WrittenFileReadsBackEqual()
    {
        var dir = Directory.CreateTempSubdirectory("hlfp-manifest-").FullName;
        try
        {
            var manifest = Manifest("full");
            RunManifestFile.Write(dir, manifest);
            var back = RunManifestFile.Read(dir);
            Assert.Equal(manifest.Recipe, back.Recipe);
            Assert.Equal(manifest.Seed, back.Seed);
            // ImmutableArray compares by reference: compare the elements.
            Assert.Equal(manifest.Populations.ToArray(), back.Populations.ToArray());
            Assert.Equal(manifest.Files.ToArray(), back.Files.ToArray());
            Assert.Equal(manifest.Summary, back.Summary);
            Assert.Equal(manifest.Probes[0].DepthsUm!.Value.ToArray(), back.Probes[0].DepthsUm!.Value.ToArray());
            Assert.Null(back.Probes[1].DepthsUm);
            Assert.Equal(manifest.Network[0].SpikeFiles.ToArray(), back.Network[0].SpikeFiles.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
