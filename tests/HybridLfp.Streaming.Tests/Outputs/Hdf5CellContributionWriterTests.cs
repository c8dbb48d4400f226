using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Tests.Hdf5Sink;

namespace HybridLfp.Streaming.Tests.Outputs;

/// <summary>The per-cell files: windows of any length (across the block boundary) come back as written, via h5dump.</summary>
public sealed class Hdf5CellContributionWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-cellfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // a fault or cancel: what was appended is still written, status "incomplete"
    public void Windows_of_any_length_read_back_as_channels_by_samples(bool success)
    {
        ProbeLayout[] probes = [new("RecExtElectrode", 3, "mV"), new("CurrentDipoleMoment", 1, "nA·µm")];
        int[] windows = [1, 5, 200, 3, 127, 1]; // 337 samples: crosses the 128-sample block twice, ends mid-block
        var total = windows.Sum();
        static double Value(int cell, int probe, int channel, int sample) => (1000.0 * cell) + (100.0 * probe) + channel + (sample / 1024.0);
        using (var writer = new Hdf5CellContributionWriter(_dir, "EX", [4, 17], probes, 0.5))
        {
            var t = 0;
            foreach (var n in windows)
            {
                for (var k = 0; k < 2; k++)
                {
                    for (var p = 0; p < probes.Length; p++)
                    {
                        var c = probes[p].ChannelCount;
                        var sampleMajor = new double[n * c];
                        for (var s = 0; s < n; s++)
                        {
                            for (var ch = 0; ch < c; ch++)
                            {
                                sampleMajor[(s * c) + ch] = Value(k, p, ch, t + s);
                            }
                        }

                        writer.Append(k, p, sampleMajor, n);
                    }
                }

                t += n;
            }

            writer.Complete(success);
        }

        for (var k = 0; k < 2; k++)
        {
            var file = Hdf5CellContributionWriter.PathOf(_dir, "EX", k == 0 ? 4 : 17);
            Assert.Equal(Path.Combine(_dir, "cells", k == 0 ? "EX_cell4.h5" : "EX_cell17.h5"), file);
            Assert.Equal(success ? "complete" : "incomplete", H5DumpReader.Attribute(file, "/status").Value);
            Assert.Equal(k == 0 ? "4" : "17", H5DumpReader.Attribute(file, "/cell_index").Value);
            for (var p = 0; p < probes.Length; p++)
            {
                var d = H5DumpReader.Dataset(file, $"/{probes[p].Name}/EX");
                Assert.Equal([probes[p].ChannelCount, (long)total], d.Dims);
                Assert.Equal("H5S_UNLIMITED", d.MaxDims[1]);
                var expected = Enumerable.Range(0, probes[p].ChannelCount)
                    .SelectMany(ch => Enumerable.Range(0, total).Select(s => Value(k, p, ch, s))).ToArray();
                Assert.Equal(expected, d.Values);
                Assert.Equal(probes[p].Units, H5DumpReader.Attribute(file, $"/{probes[p].Name}/EX/units").Value);
                Assert.Equal("2000", H5DumpReader.Attribute(file, $"/{probes[p].Name}/EX/srate_Hz").Value);
            }
        }
    }

    [Fact]
    public void A_window_of_the_wrong_shape_is_rejected()
    {
        using var writer = new Hdf5CellContributionWriter(_dir, "IN", [0], [new ProbeLayout("P", 2, "mV")], 1.0);
        Assert.Throws<ArgumentException>(() => writer.Append(0, 0, new double[5], 3));
    }
}
