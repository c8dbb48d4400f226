using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HybridLfp.Streaming.Numerics;
using Microsoft.Win32.SafeHandles;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Random access to a spike stream, as hybridLFPy's GDF sqlite database: <see cref="Select(long)"/> (spike times of
/// a neuron), <see cref="Interval"/> (all spikes in [t0, t1]), <see cref="Neurons"/>, <see cref="NumSpikes"/> and
/// <see cref="SelectNeuronsInterval"/>. Built once into a file and reopened later. Keys are node ids (index one
/// population per file, e.g. through a <see cref="FilteredSpikeSource"/>, as hybridLFPy keeps one database per
/// population). Memory: the neuron table (24 bytes per neuron); spike data stay on disk.
/// File layout (little-endian): magic "HLFPSIX1", spike count, neuron count; time-ordered (t, id) records;
/// neuron table (id, first, count) sorted by id; spike times grouped by neuron, each group in time order.
/// Threading: reads are safe from several threads (positional reads only).
/// </summary>
public sealed class SpikeIndex : IDisposable
{
    private const long HeaderBytes = 24;
    private static readonly byte[] s_magic = "HLFPSIX1"u8.ToArray();

    private readonly SafeFileHandle _file;
    private readonly long[] _ids;
    private readonly long[] _first;
    private readonly long[] _counts;
    private readonly long _groupedOffset;

    private SpikeIndex(string path, SafeFileHandle file, long numSpikes, long[] ids, long[] first, long[] counts)
    {
        Path = path;
        _file = file;
        NumSpikes = numSpikes;
        _ids = ids;
        _first = first;
        _counts = counts;
        _groupedOffset = HeaderBytes + numSpikes * 16 + ids.Length * 24L;
    }

    /// <summary>The index file.</summary>
    public string Path { get; }

    /// <summary>Total number of spikes (GDF.num_spikes).</summary>
    public long NumSpikes { get; }

    /// <summary>Distinct neuron ids in increasing order (GDF.neurons).</summary>
    public IReadOnlyList<long> Neurons => _ids;

    /// <summary>
    /// Streams <paramref name="source"/> into a new index file. Grouping by neuron is done in passes over the
    /// time-ordered section, each holding at most <paramref name="spikesPerPass"/> times in memory.
    /// </summary>
    public static async Task<SpikeIndex> BuildAsync(ISpikeSource source, string path, int spikesPerPass = 1 << 22, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<long, long>();
        long total = 0;
        using (var file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite))
        {
            long offset = HeaderBytes;
            var record = new byte[SpikeChunk.DefaultCapacity * 16];
            await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                using (chunk)
                {
                    var spikes = chunk.Spikes;
                    for (int start = 0; start < spikes.Length; start += SpikeChunk.DefaultCapacity)
                    {
                        int n = Math.Min(SpikeChunk.DefaultCapacity, spikes.Length - start);
                        for (int i = 0; i < n; i++)
                        {
                            var s = spikes[start + i];
                            BinaryPrimitives.WriteDoubleLittleEndian(record.AsSpan(16 * i), s.TimeMs);
                            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(16 * i + 8), s.NodeId);
                            counts[s.NodeId] = counts.GetValueOrDefault(s.NodeId) + 1;
                        }

                        RandomAccess.Write(file, record.AsSpan(0, 16 * n), offset);
                        offset += 16L * n;
                        total += n;
                    }
                }
            }

            var ids = counts.Keys.Order().ToArray();
            var first = new long[ids.Length];
            var perNeuron = new long[ids.Length];
            long running = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                first[i] = running;
                perNeuron[i] = counts[ids[i]];
                running += perNeuron[i];
            }

            var table = new byte[ids.Length * 24];
            for (int i = 0; i < ids.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(table.AsSpan(24 * i), ids[i]);
                BinaryPrimitives.WriteInt64LittleEndian(table.AsSpan(24 * i + 8), first[i]);
                BinaryPrimitives.WriteInt64LittleEndian(table.AsSpan(24 * i + 16), perNeuron[i]);
            }

            long tableOffset = HeaderBytes + total * 16;
            RandomAccess.Write(file, table, tableOffset);
            WriteGrouped(file, total, ids, first, perNeuron, tableOffset + table.Length, spikesPerPass);

            var header = new byte[HeaderBytes];
            s_magic.CopyTo(header, 0);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), total);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), ids.Length);
            RandomAccess.Write(file, header, 0);
        }

        return Open(path);
    }

    private static void WriteGrouped(SafeFileHandle file, long total, long[] ids, long[] first, long[] perNeuron, long groupedOffset, int spikesPerPass)
    {
        var lookup = new Dictionary<long, int>(ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            lookup[ids[i]] = i;
        }

        var cursor = new long[ids.Length];
        var times = ArrayPool<double>.Shared.Rent(Math.Max(spikesPerPass, 1));
        var record = new byte[16 * 8192];
        try
        {
            int lo = 0;
            while (lo < ids.Length)
            {
                // Neurons [lo, hi) whose times fit in one pass (at least one neuron per pass).
                int hi = lo + 1;
                while (hi < ids.Length && first[hi] + perNeuron[hi] - first[lo] <= spikesPerPass)
                {
                    hi++;
                }

                long passFirst = first[lo];
                long passCount = first[hi - 1] + perNeuron[hi - 1] - passFirst;
                var passTimes = passCount <= times.Length ? times : new double[passCount];
                for (long done = 0; done < total;)
                {
                    int n = (int)Math.Min(8192, total - done);
                    RandomAccess.Read(file, record.AsSpan(0, 16 * n), HeaderBytes + 16 * done);
                    for (int i = 0; i < n; i++)
                    {
                        long id = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(16 * i + 8));
                        int k = lookup[id];
                        if (k >= lo && k < hi)
                        {
                            passTimes[first[k] - passFirst + cursor[k]++] = BinaryPrimitives.ReadDoubleLittleEndian(record.AsSpan(16 * i));
                        }
                    }

                    done += n;
                }

                RandomAccess.Write(file, MemoryMarshal.AsBytes(passTimes.AsSpan(0, (int)passCount)), groupedOffset + 8 * passFirst);
                lo = hi;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(times);
        }
    }

    /// <summary>Opens an index written by <see cref="BuildAsync"/>.</summary>
    public static SpikeIndex Open(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var header = new byte[HeaderBytes];
            if (RandomAccess.Read(file, header, 0) != HeaderBytes || !header.AsSpan(0, 8).SequenceEqual(s_magic))
            {
                throw new InputException(path, "not a spike index (bad header)");
            }

            long total = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(8));
            long neurons = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(16));
            long expectedLength = HeaderBytes + total * 24 + neurons * 24;
            if (total < 0 || neurons < 0 || neurons > int.MaxValue || RandomAccess.GetLength(file) != expectedLength)
            {
                throw new InputException(path, $"spike index is damaged (length {RandomAccess.GetLength(file)} bytes, expected {expectedLength})");
            }

            var table = new byte[neurons * 24];
            RandomAccess.Read(file, table, HeaderBytes + total * 16);
            var ids = new long[neurons];
            var first = new long[neurons];
            var counts = new long[neurons];
            for (int i = 0; i < neurons; i++)
            {
                ids[i] = BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(24 * i));
                first[i] = BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(24 * i + 8));
                counts[i] = BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(24 * i + 16));
            }

            return new SpikeIndex(path, file, total, ids, first, counts);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Spike times (ms, increasing) of one neuron; empty when it never fired.</summary>
    public double[] Select(long neuron)
    {
        int k = Array.BinarySearch(_ids, neuron);
        if (k < 0)
        {
            return [];
        }

        var times = new double[_counts[k]];
        RandomAccess.Read(_file, MemoryMarshal.AsBytes(times.AsSpan()), _groupedOffset + 8 * _first[k]);
        return times;
    }

    /// <summary>Spike trains of the given neurons, in the given order (GDF.select).</summary>
    public IReadOnlyList<double[]> Select(IEnumerable<long> neurons) => neurons.Select(Select).ToList();

    /// <summary>Spike trains of the given neurons restricted to [t0, t1] ms, inclusive (GDF.select_neurons_interval).</summary>
    public IReadOnlyList<double[]> SelectNeuronsInterval(IEnumerable<long> neurons, double t0Ms, double t1Ms)
        => neurons.Select(n => Select(n).Where(t => t >= t0Ms && t <= t1Ms).ToArray()).ToList();

    /// <summary>All spikes with t0 ≤ t ≤ t1 (ms), in stream order (GDF.interval).</summary>
    public IReadOnlyList<(long NodeId, double TimeMs)> Interval(double t0Ms, double t1Ms)
    {
        // Binary search on the time-ordered section for the first record with t ≥ t0.
        long lo = 0;
        long hi = NumSpikes;
        Span<byte> record = stackalloc byte[16];
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            RandomAccess.Read(_file, record, HeaderBytes + 16 * mid);
            if (BinaryPrimitives.ReadDoubleLittleEndian(record) < t0Ms)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var result = new List<(long, double)>();
        var buffer = new byte[16 * 4096];
        for (long i = lo; i < NumSpikes;)
        {
            int n = (int)Math.Min(4096, NumSpikes - i);
            RandomAccess.Read(_file, buffer.AsSpan(0, 16 * n), HeaderBytes + 16 * i);
            for (int j = 0; j < n; j++)
            {
                double t = BinaryPrimitives.ReadDoubleLittleEndian(buffer.AsSpan(16 * j));
                if (t > t1Ms)
                {
                    return result;
                }

                result.Add((BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(16 * j + 8)), t));
            }

            i += n;
        }

        return result;
    }

    public void Dispose() => _file.Dispose();
}
