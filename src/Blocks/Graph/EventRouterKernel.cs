namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Turns merged spikes into per-window, per-batch synaptic events: each spike fans out to its targets (routing
/// table), arrival = t + delay, bucketed by window (<see cref="WindowSchedule.WindowOfEvent"/>); events after tstop
/// are dropped. Windows are released in order once the watermark allows (<see cref="WindowSchedule.IsReleasable"/>),
/// including windows without events. Pending memory: events arriving within the max delay ahead of the watermark,
/// when the caller releases windows as it routes (<see cref="Route"/>, <see cref="CanReleaseNext"/>,
/// <see cref="ReleaseNext"/>: spikes are time-ordered, so each spike's time is a watermark for the ones before it).
/// The per-window buckets (one list per batch) are recycled once their window is released, so steady-state routing
/// allocates only the released windows' exact-size event arrays.
/// Not thread-safe: owned by one <see cref="EventRouterBlock"/>.
/// </summary>
public sealed class EventRouterKernel
{
    private readonly WindowSchedule _schedule;
    private readonly RoutingTable _routing;
    private readonly Dictionary<int, List<BatchEvent>[]> _buckets = [];
    private readonly Stack<List<BatchEvent>[]> _freeBuckets = new();
    private int _nextWindow;

    /// <summary>Events routed so far (including those after tstop, which are dropped).</summary>
    public long RoutedEvents { get; private set; }

    /// <summary>Events dropped because they arrive after tstop.</summary>
    public long DroppedEvents { get; private set; }

    public bool IsFinished => _nextWindow >= _schedule.WindowCount;

    public EventRouterKernel(WindowSchedule schedule, RoutingTable routing)
    {
        _schedule = schedule;
        _routing = routing;
    }

    /// <summary>Adds a merged chunk and appends every window it releases to <paramref name="released"/> (the
    /// synchronous form of what <see cref="EventRouterBlock"/> does, window by window, with back-pressure).</summary>
    /// <exception cref="InvalidOperationException">a spike would land in a window already released (the source broke its watermark).</exception>
    public void Push(SpikeChunk chunk, List<RoutedWindow> released)
    {
        var gids = chunk.Gids.Span;
        var times = chunk.TimesMs.Span;
        for (var i = 0; i < gids.Length; i++)
        {
            // as EventRouterBlock does: what the spikes before this one complete is released first
            while (CanReleaseNext(times[i]))
            {
                released.Add(ReleaseNext());
            }

            Route(gids[i], times[i]);
        }

        while (CanReleaseNext(chunk.WatermarkMs))
        {
            released.Add(ReleaseNext());
        }
    }

    /// <summary>Routes one spike of <paramref name="gid"/> at <paramref name="timeMs"/> (ms; spikes in time order) to its targets' windows.</summary>
    /// <exception cref="InvalidOperationException">the spike would land in a window already released (the source broke its watermark).</exception>
    public void Route(long gid, double timeMs)
    {
        foreach (var target in _routing.TargetsOf(gid))
        {
            var arrival = timeMs + target.DelayMs;
            RoutedEvents++;
            var window = _schedule.WindowOfEvent(arrival);
            if (window < 0)
            {
                DroppedEvents++;
                continue;
            }

            if (window < _nextWindow)
            {
                throw new InvalidOperationException(
                    $"spike of gid {gid} at {timeMs} ms arrives at {arrival} ms, in window {window} which was already computed " +
                    $"(delay {target.DelayMs} ms below the minimum delay {_schedule.MinDelayMs} ms, or a late spike)");
            }

            if (!_buckets.TryGetValue(window, out var bucket))
            {
                _buckets[window] = bucket = _freeBuckets.Count > 0 ? _freeBuckets.Pop() : new List<BatchEvent>[_routing.BatchCount];
            }

            (bucket[target.Batch] ??= []).Add(new BatchEvent(target.Cell, target.Synapse, arrival));
        }
    }

    /// <summary>Whether the next window is complete once every spike before <paramref name="watermarkMs"/> (ms) has been routed.</summary>
    public bool CanReleaseNext(double watermarkMs) => !IsFinished && _schedule.IsReleasable(_nextWindow, watermarkMs);

    /// <summary>The next window's events, per batch, sorted; its bucket is recycled.</summary>
    public RoutedWindow ReleaseNext()
    {
        var index = _nextWindow++;
        var perBatch = new BatchEvent[_routing.BatchCount][];
        _buckets.Remove(index, out var bucket);
        for (var b = 0; b < perBatch.Length; b++)
        {
            var list = bucket?[b];
            if (list is null || list.Count == 0)
            {
                perBatch[b] = [];
                continue;
            }

            var events = list.ToArray();
            Array.Sort(events);
            perBatch[b] = events;
            list.Clear(); // keeps its capacity for a later window
        }

        if (bucket is not null)
        {
            _freeBuckets.Push(bucket);
        }

        return new RoutedWindow(_schedule.Window(index), perBatch);
    }
}
