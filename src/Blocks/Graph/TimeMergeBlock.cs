using System.Threading.Tasks.Dataflow;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Dataflow shell over <see cref="TimeMergeKernel"/>: one bounded input per source (<see cref="Input"/>), one bounded
/// output of merged chunks. The output completes when ALL inputs have completed (not the first), after the last
/// spikes are flushed; a faulted input faults the output (and the other inputs) with the source index in the
/// message. Ownership: the kernel is touched only under <c>_gate</c>, which also serializes sends, so output order
/// is the merge order.
/// </summary>
public sealed class TimeMergeBlock
{
    private readonly TimeMergeKernel _kernel;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ActionBlock<SpikeChunk>[] _inputs;
    private readonly BufferBlock<SpikeChunk> _output;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Merged, time-ordered spikes with the minimum watermark.</summary>
    public ISourceBlock<SpikeChunk> Output => _output;

    public TimeMergeBlock(int sourceCount, int boundedCapacity, CancellationToken cancellationToken)
    {
        _kernel = new TimeMergeKernel(sourceCount);
        _cancellationToken = cancellationToken;
        _output = new BufferBlock<SpikeChunk>(new DataflowBlockOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });
        _inputs = new ActionBlock<SpikeChunk>[sourceCount];
        var handled = new Task[sourceCount];
        for (var i = 0; i < sourceCount; i++)
        {
            var source = i;
            _inputs[i] = new ActionBlock<SpikeChunk>(chunk => PushAsync(source, chunk), new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = boundedCapacity,
                MaxDegreeOfParallelism = 1,
                CancellationToken = cancellationToken,
            });
            handled[i] = _inputs[i].Completion.ContinueWith(t => OnInputDoneAsync(source, t), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        DataflowCompletion.WhenAllDone(handled).ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                ((IDataflowBlock)_output).Fault(t.Exception!.Flatten().InnerExceptions[0]);
            }
            else if (t.IsCanceled || _cancellationToken.IsCancellationRequested)
            {
                ((IDataflowBlock)_output).Fault(new OperationCanceledException(_cancellationToken));
            }
            else
            {
                _output.Complete();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The input of source <paramref name="source"/> (0-based).</summary>
    public ITargetBlock<SpikeChunk> Input(int source) => _inputs[source];

    public int SourceCount => _inputs.Length;

    private async Task PushAsync(int source, SpikeChunk chunk)
    {
        await _gate.WaitAsync(_cancellationToken).ConfigureAwait(false);
        try
        {
            _kernel.Push(source, chunk);
            await ReleaseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task OnInputDoneAsync(int source, Task completion)
    {
        if (completion.IsFaulted)
        {
            var inner = completion.Exception!.Flatten().InnerExceptions[0];
            var fault = new SpikeSourceException(source, inner);
            foreach (var other in _inputs)
            {
                ((IDataflowBlock)other).Fault(fault);
            }

            throw fault;
        }

        if (completion.IsCanceled)
        {
            throw new OperationCanceledException(_cancellationToken);
        }

        await _gate.WaitAsync(_cancellationToken).ConfigureAwait(false);
        try
        {
            _kernel.Complete(source);
            await ReleaseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReleaseAsync()
    {
        while (_kernel.Release() is { } merged)
        {
            if (!await _output.SendAsync(merged, _cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the time merge's output declined a chunk (downstream faulted or completed)");
            }
        }
    }
}
