using System.Buffers;
using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Reads one SONATA spike population in file order by hyperslabs of node ids and timestamps.</summary>
public sealed class SonataPopulationBatchReader : ISpikeBatchReader
{
    private const int BlockLength = 1 << 16;

    private readonly string _path;
    private readonly Hdf5File _file;
    private readonly Hdf5Dataset _ids;
    private readonly Hdf5Dataset _times;
    private readonly int _population;
    private long[] _idBuffer = ArrayPool<long>.Shared.Rent(BlockLength);
    private double[] _timeBuffer = ArrayPool<double>.Shared.Rent(BlockLength);
    private long _next;

    public SonataPopulationBatchReader(string path, SonataSpikePopulationInfo population, SpikePopulationTable table)
    {
        _path = path;
        _population = table.GetOrAdd(population.Name);
        _file = Hdf5File.OpenRead(path);
        try
        {
            using var group = _file.OpenGroup(population.GroupPath);
            _ids = group.OpenDataset(population.NodeIdDataset);
            _times = group.OpenDataset("timestamps");
            if (_ids.Length != _times.Length)
            {
                throw new InputException(path, $"'{_ids.Path}' has {_ids.Length} elements but '{_times.Path}' has {_times.Length}");
            }
        }
        catch
        {
            _ids?.Dispose();
            _times?.Dispose();
            _file.Dispose();
            throw;
        }
    }

    public int Read(Span<SpikeEvent> destination)
    {
        int n = (int)Math.Min(Math.Min(destination.Length, BlockLength), _ids.Length - _next);
        if (n <= 0)
        {
            return 0;
        }

        _ids.ReadInt64(_next, _idBuffer.AsSpan(0, n));
        _times.ReadDouble(_next, _timeBuffer.AsSpan(0, n));
        for (int i = 0; i < n; i++)
        {
            double t = _timeBuffer[i];
            long id = _idBuffer[i];
            if (!(t >= 0) || double.IsInfinity(t))
            {
                throw new InputException(_path, $"'{_times.Path}'[{_next + i}] = {t} ms; spike times must be finite and not negative");
            }

            if (id < 0 || id > SpikeEvent.MaxNodeId)
            {
                throw new InputException(_path, $"'{_ids.Path}'[{_next + i}] = {id}; node ids must lie in [0, 2^48)");
            }

            destination[i] = new SpikeEvent(t, id, _population);
        }

        _next += n;
        return n;
    }

    public void Dispose()
    {
        _ids.Dispose();
        _times.Dispose();
        _file.Dispose();
        var ids = Interlocked.Exchange(ref _idBuffer, []);
        var times = Interlocked.Exchange(ref _timeBuffer, []);
        if (ids.Length > 0)
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<double>.Shared.Return(times);
        }
    }
}
