namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Stores the traces LFPy records for a fixed number of samples: somav (mV), vmem and imem of selected segments (mV,
/// nA), synapse currents (nA) and the sample times (ms). Buffers are allocated up front; <see cref="Record"/> does not
/// allocate. Synapse currents are gathered time-major in a small block (one contiguous copy per sample) and moved into
/// the per-synapse arrays a block at a time: writing one value into each of n_syn arrays every step touched n_syn cache
/// lines and pages per step. Not thread-safe (owned by the simulation loop).
/// </summary>
public sealed class CellTraceRecorder
{
    private readonly int[] _vmemIdx, _imemIdx;
    private readonly int? _somaSegment;
    private readonly bool _synapses;
    private readonly double[][] _isyn;
    private readonly double[] _isynBlock;
    private int _blockFirst;
    private int _blockCount;

    /// <summary>Samples of synapse currents gathered before they are moved into <see cref="Isyn"/>.</summary>
    private const int IsynBlockSamples = 64;

    /// <param name="sampleCount">number of samples.</param>
    /// <param name="somaSegment">segment recorded as somav, or null.</param>
    /// <param name="vmemIdx">segments whose v is recorded.</param>
    /// <param name="imemIdx">segments whose imem is recorded.</param>
    /// <param name="synapseCount">synapses whose i is recorded (0 = none).</param>
    public CellTraceRecorder(int sampleCount, int? somaSegment, IReadOnlyList<int> vmemIdx, IReadOnlyList<int> imemIdx, int synapseCount)
    {
        _vmemIdx = [.. vmemIdx];
        _imemIdx = [.. imemIdx];
        _somaSegment = somaSegment;
        _synapses = synapseCount > 0;
        TimeMs = new double[sampleCount];
        SomaV = somaSegment is null ? [] : new double[sampleCount];
        Vmem = _vmemIdx.Select(_ => new double[sampleCount]).ToArray();
        Imem = _imemIdx.Select(_ => new double[sampleCount]).ToArray();
        _isyn = Enumerable.Range(0, synapseCount).Select(_ => new double[sampleCount]).ToArray();
        _isynBlock = new double[IsynBlockSamples * synapseCount];
    }

    /// <summary>Sample times, ms.</summary>
    public double[] TimeMs { get; }

    /// <summary>Soma potential, mV (empty without soma).</summary>
    public double[] SomaV { get; }

    /// <summary>vmem[k][sample] of the selected segments, mV.</summary>
    public double[][] Vmem { get; }

    /// <summary>imem[k][sample] of the selected segments, nA.</summary>
    public double[][] Imem { get; }

    /// <summary>isyn[synapse][sample], nA (reading it first moves the samples still gathered in the block).</summary>
    public double[][] Isyn
    {
        get
        {
            FlushSynapseBlock();
            return _isyn;
        }
    }

    /// <summary>Stores sample <paramref name="sample"/> (recorded at <paramref name="timeMs"/>, ms) from the kernel's current state.</summary>
    public void Record(int sample, double timeMs, SingleCellKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        TimeMs[sample] = timeMs;
        if (_somaSegment is { } s)
        {
            SomaV[sample] = kernel.SegmentVoltageMv(s);
        }

        for (var k = 0; k < _vmemIdx.Length; k++)
        {
            Vmem[k][sample] = kernel.SegmentVoltageMv(_vmemIdx[k]);
        }

        var imem = kernel.MembraneCurrentsNa;
        for (var k = 0; k < _imemIdx.Length; k++)
        {
            Imem[k][sample] = imem[_imemIdx[k]];
        }

        if (_synapses)
        {
            if (_blockCount > 0 && sample != _blockFirst + _blockCount)
            {
                FlushSynapseBlock(); // not the next sample: the block holds consecutive samples only
            }

            if (_blockCount == 0)
            {
                _blockFirst = sample;
            }

            var synapses = _isyn.Length;
            kernel.SynapseCurrentsNa[..synapses].CopyTo(_isynBlock.AsSpan(_blockCount * synapses, synapses));
            if (++_blockCount == IsynBlockSamples)
            {
                FlushSynapseBlock();
            }
        }
    }

    private void FlushSynapseBlock()
    {
        var synapses = _isyn.Length;
        for (var s = 0; s < synapses; s++)
        {
            var row = _isyn[s].AsSpan(_blockFirst, _blockCount);
            for (var j = 0; j < row.Length; j++)
            {
                row[j] = _isynBlock[j * synapses + s];
            }
        }

        _blockCount = 0;
    }
}
