using System.Threading.Tasks.Dataflow;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Dataflow shell over <see cref="EventRouterKernel"/>: bounded input of merged chunks, bounded output of windows.
/// Each window is sent as soon as the spikes routed so far complete it, waiting while the output is full, before
/// the next spike is routed: a chunk spanning seconds (a file or generator runs far ahead of the simulation) is
/// never expanded into all its windows at once, so memory does not grow with the span of input read ahead.
/// When the input completes, the remaining windows are sent and the output completes; a fault in the input or
/// in the kernel faults the output. The kernel is touched only by the input's single worker.
/// </summary>
public sealed class EventRouterBlock
{
    private readonly EventRouterKernel _kernel;
    private readonly ActionBlock<SpikeChunk> _input;
    private readonly BufferBlock<RoutedWindow> _output;
    private readonly CancellationToken _cancellationToken;

    public ITargetBlock<SpikeChunk> Input => _input;

    public ISourceBlock<RoutedWindow> Output => _output;

    /// <summary>Events routed (read after completion).</summary>
    public long RoutedEvents => _kernel.RoutedEvents;

    public EventRouterBlock(WindowSchedule schedule, RoutingTable routing, int boundedCapacity, CancellationToken cancellationToken)
    {
        _kernel = new EventRouterKernel(schedule, routing);
        _cancellationToken = cancellationToken;
        _output = new BufferBlock<RoutedWindow>(new DataflowBlockOptions { BoundedCapacity = boundedCapacity, CancellationToken = cancellationToken });
        _input = new ActionBlock<SpikeChunk>(RouteAsync, new ExecutionDataflowBlockOptions { BoundedCapacity = boundedCapacity, MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken });

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

                await SendReleasableAsync(double.PositiveInfinity).ConfigureAwait(false);
                _output.Complete();
            }
            catch (Exception e)
            {
                ((IDataflowBlock)_output).Fault(e);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private async Task RouteAsync(SpikeChunk chunk)
    {
        for (var i = 0; i < chunk.Gids.Length; i++)
        {
            // Spikes come in time order: every spike before this one's time is routed.
            var timeMs = chunk.TimesMs.Span[i];
            await SendReleasableAsync(timeMs).ConfigureAwait(false);
            _kernel.Route(chunk.Gids.Span[i], timeMs);
        }

        await SendReleasableAsync(chunk.WatermarkMs).ConfigureAwait(false);
    }

    // Sends, one at a time, the windows that are complete once every spike before watermarkMs is routed.
    private async ValueTask SendReleasableAsync(double watermarkMs)
    {
        while (_kernel.CanReleaseNext(watermarkMs))
        {
            var window = _kernel.ReleaseNext();
            if (!await _output.SendAsync(window, _cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"the router's output declined window {window.Window.Index} (downstream faulted or completed)");
            }
        }
    }
}
