using System.Threading.Tasks.Dataflow;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Fan-in completion ("all sources done"): Dataflow's <c>PropagateCompletion</c> completes a target when the FIRST
/// linked source completes, which loses the others' data. These helpers complete the target only when ALL sources
/// are done, and fault it (with every source's exception) if any faulted.
/// </summary>
public static class DataflowCompletion
{
    /// <summary>
    /// A task that completes when all <paramref name="completions"/> have; faulted with all their exceptions if any
    /// faulted, canceled if any was canceled and none faulted.
    /// </summary>
    public static Task WhenAllDone(IEnumerable<Task> completions)
    {
        var tasks = completions.ToArray();
        return Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)))
            .ContinueWith(_ =>
            {
                var faults = tasks.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.Flatten().InnerExceptions).ToArray();
                if (faults.Length == 1)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(faults[0]).Throw();
                }

                if (faults.Length > 1)
                {
                    throw new AggregateException(faults);
                }

                if (tasks.Any(t => t.IsCanceled))
                {
                    throw new OperationCanceledException("a source was canceled");
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes (or faults) <paramref name="target"/> once every one of <paramref name="sources"/> is done.</summary>
    public static Task CompleteWhenAllDone(IEnumerable<IDataflowBlock> sources, IDataflowBlock target) =>
        WhenAllDone(sources.Select(s => s.Completion)).ContinueWith(t =>
        {
            if (t.IsFaulted)
            {
                var inner = t.Exception!.Flatten().InnerExceptions;
                target.Fault(inner.Count == 1 ? inner[0] : new AggregateException(inner));
            }
            else
            {
                target.Complete();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
