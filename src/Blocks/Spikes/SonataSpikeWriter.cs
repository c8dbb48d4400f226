using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Writes a SONATA spike file while spikes arrive: one group <c>/spikes/&lt;population&gt;</c> per population with
/// extendible, chunked <c>node_ids</c> (uint64) and <c>timestamps</c> (float64, <c>units = "ms"</c>, variable-length
/// UTF-8) datasets, appended every <c>bufferLength</c> spikes; <c>sorting</c> is the enum <c>by_time</c> (none = 0,
/// by_id = 1, by_time = 2). The root carries libsonata's <c>magic</c> and <c>version</c> attributes. Input must be in
/// time order per population (checked), or, when created with <see cref="SonataSorting.ById"/>, in (node id, time)
/// order per population (checked; <c>sorting = by_id</c>).
/// </summary>
public sealed class SonataSpikeWriter : ISpikeWriter
{
    private static readonly (string, byte)[] s_sortingMembers = [("none", 0), ("by_id", 1), ("by_time", 2)];

    private readonly string _path;
    private readonly int _bufferLength;
    private readonly SonataSorting _sorting;
    private readonly Dictionary<string, PopulationOutput> _outputs = new(StringComparer.Ordinal);
    private Hdf5File? _file;
    private Hdf5Group? _spikes;

    /// <param name="path">Output file (replaced if it exists).</param>
    /// <param name="bufferLength">Spikes buffered per population between appends (also the HDF5 chunk length).</param>
    /// <param name="sorting">Order the spikes arrive in and that is declared: by_time (default) or by_id.</param>
    public SonataSpikeWriter(string path, int bufferLength = 1 << 16, SonataSorting sorting = SonataSorting.ByTime)
    {
        if (sorting == SonataSorting.None)
        {
            throw new ArgumentException("the writer declares by_time or by_id", nameof(sorting));
        }

        _sorting = sorting;
        _path = path;
        _bufferLength = Math.Max(bufferLength, 16);
        _file = Hdf5File.Create(path);
        try
        {
            _file.WriteUInt32Attribute("magic", [0x0A7A]);
            _file.WriteUInt32Attribute("version", [0, 1]);
            _spikes = _file.CreateGroup("spikes");
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public void Write(SpikeChunk chunk)
    {
        PopulationOutput? last = null;
        int lastIndex = -1;
        foreach (ref readonly var spike in chunk.Spikes)
        {
            if (spike.Population != lastIndex)
            {
                last = Output(chunk.Populations[spike.Population]);
                lastIndex = spike.Population;
            }

            last!.Add(spike.TimeMs, spike.NodeId);
        }
    }

    private PopulationOutput Output(string population)
    {
        if (!_outputs.TryGetValue(population, out var output))
        {
            var spikes = _spikes ?? throw new ObjectDisposedException(nameof(SonataSpikeWriter));
            output = new PopulationOutput(_path, spikes.CreateGroup(population), _bufferLength, _sorting);
            _outputs.Add(population, output);
        }

        return output;
    }

    public void Complete()
    {
        foreach (var output in _outputs.Values)
        {
            output.Flush();
        }

        _file?.Flush();
        Dispose();
    }

    public void Dispose()
    {
        foreach (var output in _outputs.Values)
        {
            output.Dispose();
        }

        _outputs.Clear();
        _spikes?.Dispose();
        _spikes = null;
        _file?.Dispose();
        _file = null;
    }

    private sealed class PopulationOutput : IDisposable
    {
        private readonly string _path;
        private readonly Hdf5Group _group;
        private readonly Hdf5Dataset _ids;
        private readonly Hdf5Dataset _times;
        private readonly long[] _idBuffer;
        private readonly double[] _timeBuffer;
        private int _count;
        private readonly bool _byId;
        private double _lastTime = double.NegativeInfinity;
        private long _lastId = long.MinValue;

        public PopulationOutput(string path, Hdf5Group group, int bufferLength, SonataSorting sorting)
        {
            _path = path;
            _group = group;
            _byId = sorting == SonataSorting.ById;
            var g = Hdf5Library.Globals;
            group.WriteEnumU8Attribute("sorting", s_sortingMembers, (byte)sorting);
            _ids = group.CreateExtendible("node_ids", g.StdU64Le, bufferLength);
            _times = group.CreateExtendible("timestamps", g.IeeeF64Le, bufferLength);
            _times.WriteUtf8Attribute("units", "ms");
            _idBuffer = new long[bufferLength];
            _timeBuffer = new double[bufferLength];
        }

        public void Add(double timeMs, long nodeId)
        {
            if (_byId ? nodeId < _lastId || (nodeId == _lastId && timeMs < _lastTime) : timeMs < _lastTime)
            {
                throw new InputException(_path, $"spikes of '{_group.Path}' must arrive in {(_byId ? "(node id, time)" : "time")} order (node {nodeId} at {timeMs} ms after node {_lastId} at {_lastTime} ms)");
            }

            _lastTime = timeMs;
            _lastId = nodeId;
            _idBuffer[_count] = nodeId;
            _timeBuffer[_count] = timeMs;
            if (++_count == _idBuffer.Length)
            {
                Flush();
            }
        }

        public void Flush()
        {
            _ids.AppendInt64(_idBuffer.AsSpan(0, _count));
            _times.AppendDouble(_timeBuffer.AsSpan(0, _count));
            _count = 0;
        }

        public void Dispose()
        {
            _ids.Dispose();
            _times.Dispose();
            _group.Dispose();
        }
    }
}
