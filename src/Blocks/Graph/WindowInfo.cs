namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// One window: the simulation advances from step <see cref="FirstStep"/> − 1 to <see cref="LastStep"/> (t from
/// <see cref="StartTimeMs"/> to <see cref="EndTimeMs"/>) and produces output samples <see cref="FirstSample"/> …
/// <see cref="FirstSample"/> + <see cref="SampleCount"/> − 1. Window 0 also carries sample 0 (the initial state, t = 0).
/// </summary>
/// <param name="Index">window index k.</param>
/// <param name="FirstStep">first time-step index advanced to (k·S + 1).</param>
/// <param name="LastStep">last time-step index (min((k+1)·S, N)).</param>
/// <param name="FirstSample">first output sample index in this window.</param>
/// <param name="SampleCount">output samples in this window.</param>
/// <param name="StartTimeMs">t at the start, ms (k·S·dt).</param>
/// <param name="EndTimeMs">t at the end, ms (LastStep·dt).</param>
public readonly record struct WindowInfo(int Index, long FirstStep, long LastStep, long FirstSample, int SampleCount, double StartTimeMs, double EndTimeMs)
{
    /// <summary>Time steps advanced in this window.</summary>
    public int StepCount => (int)(LastStep - FirstStep + 1);
}
