using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// A probe at run time: buffers transmembrane-current samples (nA, one per segment) into blocks of
/// <see cref="BlockSamples"/> time steps and projects each block through a transformation matrix with
/// <see cref="TransformationMatrix.ApplyBlock"/> (SIMD), handing the measurements to an
/// <see cref="IProjectionReceiver"/>. Memory is two fixed buffers (block × segments, block × rows): nothing grows
/// with simulated duration and nothing is allocated per sample. Not thread-safe: owned by the simulation loop that
/// calls it. Samples must arrive with consecutive indices.
/// </summary>
public sealed class ProjectionSink : IMembraneCurrentSink
{
    private readonly TransformationMatrix _matrix;
    private readonly IProjectionReceiver _receiver;
    private readonly double[] _input;
    private readonly double[] _output;
    private int _buffered;
    private int _firstIndex;
    private int _nextIndex;
    private bool _completed;

    /// <summary>
    /// Default samples per block. The product reads M once per 4 samples whatever the block size, so larger blocks
    /// only cost cache: 16 samples of a 1072-segment cell are 137 KB, which stays in L2 next to M (19 × 1072 values,
    /// 163 KB) and the cable kernel's own arrays; 64 samples (549 KB) evicted them every block.
    /// </summary>
    public const int DefaultBlockSamples = 16;

    /// <summary>Samples per projected block.</summary>
    public int BlockSamples { get; }

    /// <param name="matrix">M (rows × n_seg)</param>
    /// <param name="receiver">where the projected blocks go</param>
    /// <param name="blockSamples">time steps per block (≥ 1), see <see cref="DefaultBlockSamples"/></param>
    public ProjectionSink(TransformationMatrix matrix, IProjectionReceiver receiver, int blockSamples = DefaultBlockSamples)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSamples, 1);
        _matrix = matrix;
        _receiver = receiver;
        BlockSamples = blockSamples;
        _input = new double[blockSamples * matrix.Columns];
        _output = new double[blockSamples * matrix.Rows];
    }

    public void OnSample(int sampleIndex, double timeMs, ReadOnlySpan<double> membraneCurrentsNa)
    {
        if (_completed)
        {
            throw new InvalidOperationException("the sink is complete.");
        }

        if (membraneCurrentsNa.Length != _matrix.Columns)
        {
            throw new ArgumentException($"{membraneCurrentsNa.Length} currents given; the matrix has {_matrix.Columns} segments.", nameof(membraneCurrentsNa));
        }

        if (_buffered == 0)
        {
            if (sampleIndex != _nextIndex && _nextIndex != 0)
            {
                throw new ArgumentException($"sample {sampleIndex} arrived; {_nextIndex} was expected next.", nameof(sampleIndex));
            }

            _firstIndex = sampleIndex;
        }
        else if (sampleIndex != _firstIndex + _buffered)
        {
            throw new ArgumentException($"sample {sampleIndex} arrived; {_firstIndex + _buffered} was expected next.", nameof(sampleIndex));
        }

        membraneCurrentsNa.CopyTo(_input.AsSpan(_buffered * _matrix.Columns));
        _buffered++;
        _nextIndex = sampleIndex + 1;
        if (_buffered == BlockSamples)
        {
            Flush();
        }
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        Flush();
        _completed = true;
        _receiver.Complete();
    }

    private void Flush()
    {
        if (_buffered == 0)
        {
            return;
        }

        _matrix.ApplyBlock(_input, _buffered, _output);
        _receiver.OnBlock(_firstIndex, _buffered, _output.AsSpan(0, _buffered * _matrix.Rows));
        _buffered = 0;
    }
}
