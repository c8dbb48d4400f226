using System.Collections.Concurrent;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

/// <summary>
/// The whole event path on the reference case: recipe → cells → batches → routing table → inline spike sources →
/// time merge → router → windows. A recording kernel collects what each synapse receives; it must be exactly the
/// spike trains hybridLFPy gave each LFPy.Synapse (recorded in <c>synapses_inserted</c>).
/// </summary>
public sealed class HybridCaseRoutingTests(HybridCaseFixture fixture) : IClassFixture<HybridCaseFixture>
{
    private sealed class RecordingKernel(int cellCount, WindowSchedule schedule, ConcurrentDictionary<(int Cell, int Synapse), List<double>> received) : ICellBatchKernel
    {
        public int CellCount => cellCount;

        public void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output)
        {
            foreach (var e in events)
            {
                var step = schedule.StepOfEvent(e.TimeMs);
                if (step > window.LastStep || (window.Index > 0 && step < window.FirstStep))
                {
                    throw new InvalidOperationException($"event at {e.TimeMs} ms (step {step}) outside window {window.Index}");
                }

                received.GetOrAdd((e.Cell, e.Synapse), _ => []).Add(e.TimeMs);
            }
        }
    }

    [Fact]
    public async Task Every_synapse_receives_exactly_the_train_hybridLFPy_delivered()
    {
        var recipe = fixture.Recipe with { BatchSize = 32 };
        var plan = BatchPlan.Create(recipe);
        Assert.Equal([(0, 0, 32), (0, 32, 32), (0, 64, 16), (1, 0, 20)], plan.Select(s => (s.PopulationIndex, s.FirstCell, s.CellCount)));

        var cellsByBatch = plan.Select(slot =>
        {
            var y = recipe.Populations[slot.PopulationIndex];
            return (IReadOnlyList<CellConnectivity>)Enumerable.Range(slot.FirstCell, slot.CellCount)
                .Select(i => CellConnectivityBuilder.Build(recipe, y, CellDrawsBuilder.Build(recipe, y, i, null, null)))
                .ToArray();
        }).ToArray();
        var routing = RoutingTableBuilder.Create(cellsByBatch);
        var schedule = WindowSchedule.Create(recipe.DtMs, recipe.DtOutputMs, recipe.TstopMs, DelayBounds.MinimumDelayMs(recipe));
        Assert.Equal(15, schedule.StepsPerWindow);
        Assert.Equal(200, schedule.WindowCount);

        var received = plan.Select(_ => new ConcurrentDictionary<(int, int), List<double>>()).ToArray();
        var batches = plan.Select(s => new CellBatch(s.Index, recipe.Populations[s.PopulationIndex].Name, s.PopulationIndex, s.FirstCell,
            new RecordingKernel(s.CellCount, schedule, received[s.Index]))).ToArray();
        ProbeLayout[] probes = [new("RecExtElectrode", 6, "mV"), new("LaminarCurrentSourceDensity", 6, "nA/µm³")];
        var graph = new StreamingGraph(schedule, routing, batches, ["EX", "IN"], probes, [new InMemorySink(probes, 2)],
            new StreamingGraphOptions { MaxDegreeOfParallelism = 2 });
        var stats = await graph.RunAsync([.. recipe.Network.Select(x => InlineSpikeSource.Read(x.Source, chunkSize: 50))]);

        long expectedEvents = 0;
        var synapses = 0;
        foreach (var slot in plan)
        {
            var y = recipe.Populations[slot.PopulationIndex];
            var cellsJson = fixture.Population(y.Name).GetProperty("cells");
            for (var i = 0; i < slot.CellCount; i++)
            {
                var inserted = cellsJson[slot.FirstCell + i].GetProperty("synapses_inserted");
                for (var s = 0; s < inserted.GetArrayLength(); s++)
                {
                    var expected = ReferenceCase.Vector(inserted[s].GetProperty("spike_times"));
                    var actual = received[slot.Index].TryGetValue((i, s), out var list) ? list.ToArray() : [];
                    Assert.Equal(expected, actual); // same floats: t_spike + delay in double, time order
                    expectedEvents += expected.Length;
                    synapses++;
                }
            }
        }

        Assert.Equal(877, synapses);
        Assert.Equal(expectedEvents, stats.Events);
        Assert.Equal(200, stats.Windows);
        Assert.Equal(100, stats.Cells);
        Assert.Equal(100L * 3000, stats.CellSteps);
    }
}
