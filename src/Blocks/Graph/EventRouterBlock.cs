using System.Threading.Tasks.Dataflow;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Dataflow shell over <see cref="EventRouterKernel"/>: bounded input of merged chunks, bounded output of windows.
/// When the input completes, the remaining windows are flushed and the output completes; a fault in the input or
/// in the kernel faults the output. The kernel is touched only by the input's single worker.
/// </summary>
public sealed class EventRouterBlock
{
    private readonly EventRouterKernel _kernel;
    private readonly ActionBlock<SpikeChunk> _input;
    private readonly BufferBlock<RoutedWindow> _output;
    private readonly CancellationToken _cancellationToken;
    private readonly List<RoutedWindow> _released = [];

    public ITargetBlock<SpikeChunk> Input => _input;

    public ISourceBlock<RoutedWindow> Output => _output;

    /// <summary>Events routed (read after completion).</summary>
    public long RoutedEvents => _kernel.RoutedEvents;

    public EventRouterBlock(WindowSchedule schedule, RoutingTable routing, int boundedCapacity, CancellationToken cancellationToken)
    {
        _kernel = new EventRouterKernel(schedule, routing);
        _cancellationToken = cancellationToken;
        _output = new BufferBlock<RoutedWindow>(new DataflowBlockOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });
        _input = new ActionBlock<SpikeChunk>(async chunk =>
        {
            _kernel.Push(chunk, _released);
            await SendReleasedAsync().ConfigureAwait(false);
        }, new ExecutionDataflowBlockOptions { BoundedCapacity = boundedCapacity, MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken });

        _input.Completion.ContinueWith(async t =>
        {
            try
            {
                if (t.IsFaulted)
                {
                    ((IDataflowBlock)_output).Fault(t.Exception!.Flatten().InnerExceptions[0]);
                    return;
                }

                if (t.IsCanceled)
                {
                    ((IDataflowBlock)_output).Fault(new OperationCanceledException(_cancellationToken));
                    return;
                }

                _kernel.Finish(_released);
                await SendReleasedAsync().ConfigureAwait(false);
                _output.Complete();
            }
            catch (Exception e)
            {
                ((IDataflowBlock)_output).Fault(e);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task SendReleasedAsync()
    {
        foreach (var window in _released)
        {
            if (!await _output.SendAsync(window, _cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"the router's output declined window {window.Window.Index} (downstream faulted or completed)");
            }
        }

        _released.Clear();
    }
}
