namespace HybridLfp.Streaming.Plotting.Report;

/// <summary>
/// A laminar signal for the report: <c>Data[contact][time]</c> at contact depths (µm) and times (ms), e.g. LFP in
/// mV or CSD in nA/µm³.
/// </summary>
public sealed record LaminarSignal(string Quantity, string Unit, double[] TimesMs, double[] DepthsUm, double[][] Data);

/// <summary>A set of time series sharing a unit, e.g. CDM components (nA·µm) or EEG electrodes (mV).</summary>
public sealed record TraceSet(string Quantity, string Unit, double[] TimesMs, double[][] Traces, string[] Names);

/// <summary>Power spectra (<c>Power[signal][frequency]</c>, in <see cref="Unit"/>) at frequencies (Hz).</summary>
public sealed record SpectrumSet(string Title, string Unit, double[] FrequenciesHz, double[][] Power, string[] Names);
