namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// The single-cell simulation loop: from an initialized kernel (events queued), runs <c>steps</c> fixed steps and
/// hands every <c>decimate</c>-th sample (k·decimate, starting with t = 0) to the recorder and the sinks — LFPy's
/// recording with the time series sub-sampled. Sample 0 is the state after finitialize (imem = 0, fact 12).
/// Sample times are those of NEURON's <c>Vector.record(&amp;t, dt)</c> as LFPy records tvec: record events at
/// t_k = t_{k−1} + dt (whole steps accumulated), which differ in the last bits from the kernel's t (two half steps
/// per step, used by the mechanisms).
/// </summary>
public static class CellSimulation
{
    /// <summary>Number of samples kept for <paramref name="steps"/> steps and <paramref name="decimate"/>.</summary>
    public static int SampleCount(int steps, int decimate) => steps / decimate + 1;

    /// <summary>NEURON/LFPy number of steps for tstop (ms) and dt (ms): int(tstop/dt).</summary>
    public static int StepCount(double tstopMs, double dtMs)
    {
        if (!(dtMs > 0))
        {
            throw new InputException("dt", $"the time step must be > 0 ms, got {dtMs}.");
        }

        if (!(tstopMs >= 0) || double.IsInfinity(tstopMs))
        {
            throw new InputException("tstop", $"must be a finite time ≥ 0 ms, got {tstopMs}.");
        }

        var steps = Math.Floor(tstopMs / dtMs);
        if (steps > int.MaxValue - 1)
        {
            throw new InputException("tstop", $"tstop/dt = {steps} steps is too many.");
        }

        return (int)steps;
    }

    /// <summary>Runs the loop. Sinks get <see cref="IMembraneCurrentSink.Complete"/> at the end.</summary>
    public static void Run(
        SingleCellKernel kernel,
        int steps,
        int decimate,
        CellTraceRecorder? recorder,
        IReadOnlyList<IMembraneCurrentSink> sinks,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(sinks);
        if (decimate < 1)
        {
            throw new InputException("decimate", $"must be ≥ 1, got {decimate}.");
        }

        var sample = 0;
        var recordTime = 0.0;
        var dt = kernel.DtMs;
        IMembraneCurrentSink[] sinkArray = [.. sinks]; // array loop in Emit: no enumerator, no list indirection per step
        Emit(kernel, sample++, recordTime, recorder, sinkArray);
        for (var k = 1; k <= steps; k++)
        {
            kernel.Step();
            recordTime += dt;
            if (k % decimate == 0)
            {
                Emit(kernel, sample++, recordTime, recorder, sinkArray);
            }

            if ((k & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        foreach (var sink in sinkArray)
        {
            sink.Complete();
        }
    }

    private static void Emit(SingleCellKernel kernel, int sample, double timeMs, CellTraceRecorder? recorder, IMembraneCurrentSink[] sinks)
    {
        recorder?.Record(sample, timeMs, kernel);
        var imem = kernel.MembraneCurrentsNa;
        for (var i = 0; i < sinks.Length; i++)
        {
            sinks[i].OnSample(sample, timeMs, imem);
        }
    }
}
