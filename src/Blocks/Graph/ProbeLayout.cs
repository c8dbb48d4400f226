namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>A probe's output shape: its name, number of channels (contacts, CSD bins, dipole components, …) and units (mV, nA/µm³, nA·µm, nA/µm).</summary>
public sealed record ProbeLayout(string Name, int ChannelCount, string Units);
