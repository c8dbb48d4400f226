namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Runs <c>body(0 … count − 1)</c> on the calling thread and up to <c>maxDegreeOfParallelism − 1</c> thread-pool
/// helpers, handing out indices one at a time, and returns when all are done. Unlike <c>Parallel.For</c> it allocates
/// nothing per call (it is called once per window, thousands of times a run, and those allocations were most of what
/// a long run left to the garbage collector). The body is fixed at construction and must not throw (catch per index).
/// One call at a time.
/// </summary>
internal sealed class IndexForkJoin : IThreadPoolWorkItem
{
    private readonly Action<int> _body;
    private readonly int _maxHelpers;
    private readonly ManualResetEventSlim _helpersDone = new(false);
    private int _count;
    private int _next;
    private int _runningHelpers;

    public IndexForkJoin(Action<int> body, int maxDegreeOfParallelism)
    {
        _body = body;
        _maxHelpers = Math.Max(0, maxDegreeOfParallelism - 1);
    }

    public void Run(int count)
    {
        _count = count;
        _next = 0;
        var helpers = Math.Min(_maxHelpers, count - 1);
        if (helpers > 0)
        {
            _helpersDone.Reset();
            _runningHelpers = helpers;
            for (var h = 0; h < helpers; h++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        Work();
        if (helpers > 0)
        {
            // Helpers that start after the indices ran out return at once; the state is reused only after all of them.
            _helpersDone.Wait();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        Work();
        if (Interlocked.Decrement(ref _runningHelpers) == 0)
        {
            _helpersDone.Set();
        }
    }

    private void Work()
    {
        int i;
        while ((i = Interlocked.Increment(ref _next) - 1) < _count)
        {
            _body(i);
        }
    }
}
