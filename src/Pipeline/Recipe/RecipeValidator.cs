namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Checks a <see cref="RecipeDescription"/> for everything that would make a run wrong or impossible, and returns
/// ALL problems (not the first), each with its recipe path (<c>populations.EX.k_yXL</c>) and what was expected.
/// Works on records built in code too (lines are then 0).
/// </summary>
public static class RecipeValidator
{
    /// <summary>Forward models the probes may name (LFPykit class names).</summary>
    public static readonly IReadOnlySet<string> KnownModels = new HashSet<string>(StringComparer.Ordinal)
    {
        "PointSourcePotential", "LineSourcePotential", "RecExtElectrode", "RecMEAElectrode",
        "OneSphereVolumeConductor", "CurrentDipoleMoment", "InfiniteVolumeConductor", "FourSphereVolumeConductor",
        "InfiniteHomogeneousVolCondMEG", "SphericallySymmetricVolCondMEG", "LaminarCurrentSourceDensity",
        "VolumetricCurrentSourceDensity",
    };

    /// <param name="recipe">the recipe.</param>
    /// <param name="lineOf">line of a recipe path in its file (0 if unknown), or null.</param>
    public static List<RecipeProblem> Validate(RecipeDescription recipe, Func<string, int>? lineOf = null)
    {
        var problems = new List<RecipeProblem>();
        void Add(string path, string message) => problems.Add(new RecipeProblem(path, message, lineOf?.Invoke(path) ?? 0));

        var dt = recipe.DtMs;
        var dtOk = dt > 0 && double.IsFinite(dt);
        if (!dtOk)
        {
            Add("dt", $"must be > 0 ms, got {dt}");
        }

        if (!(recipe.TstopMs > 0) || !double.IsFinite(recipe.TstopMs))
        {
            Add("tstop", $"must be > 0 ms, got {recipe.TstopMs}");
        }

        if (!(recipe.DtOutputMs > 0))
        {
            Add("dt_output", $"must be > 0 ms, got {recipe.DtOutputMs}");
        }
        else if (dtOk && !IsPositiveMultiple(recipe.DtOutputMs, dt))
        {
            Add("dt_output", $"must be a whole multiple of dt = {dt} ms, got {recipe.DtOutputMs} ms (= {recipe.DtOutputMs / dt} dt)");
        }

        if (dtOk && recipe.TstopMs > 0 && double.IsFinite(recipe.TstopMs) && recipe.DtOutputMs > 0 &&
            IsPositiveMultiple(recipe.DtOutputMs, dt) && !IsPositiveMultiple(recipe.TstopMs, recipe.DtOutputMs))
        {
            Add("tstop", $"must be a whole number of output samples: a multiple of dt_output = {recipe.DtOutputMs} ms, got {recipe.TstopMs} ms");
        }

        if (!(recipe.SingleCellFraction >= 0 && recipe.SingleCellFraction <= 1))
        {
            Add("single_cell_fraction", $"must be in [0, 1], got {recipe.SingleCellFraction}");
        }

        if (recipe.BatchSize < 1)
        {
            Add("batch_size", $"must be ≥ 1 cell, got {recipe.BatchSize}");
        }

        if (recipe.MinDelayMs is { } minDelay && dtOk && minDelay < dt * (1 - 1e-12))
        {
            Add("min_delay", $"must be ≥ dt = {dt} ms, got {minDelay} ms");
        }

        ValidateNetwork(recipe, Add);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var population in recipe.Populations)
        {
            if (!names.Add(population.Name))
            {
                Add($"populations.{population.Name}", "duplicate population name");
            }

            ValidatePopulation(recipe, population, Add);
        }

        if (recipe.Probes.IsDefaultOrEmpty)
        {
            Add("probes", "expected at least one probe");
        }
        else
        {
            var probeNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < recipe.Probes.Length; i++)
            {
                var probe = recipe.Probes[i];
                if (!KnownModels.Contains(probe.Model))
                {
                    Add($"probes[{i}].model", $"unknown forward model '{probe.Model}'; expected one of: {string.Join(", ", KnownModels.Order(StringComparer.Ordinal))}");
                }

                if (!probeNames.Add(probe.Name))
                {
                    Add($"probes[{i}].name", $"duplicate probe name '{probe.Name}'; give each probe of the same model its own name");
                }
            }
        }

        return problems;
    }

    private static void ValidateNetwork(RecipeDescription recipe, Action<string, string> add)
    {
        if (recipe.Network.IsDefaultOrEmpty)
        {
            add("network", "expected at least one network population");
            return;
        }

        for (var i = 0; i < recipe.Network.Length; i++)
        {
            var x = recipe.Network[i];
            var path = $"network.{x.Name}";
            if (x.Count < 1)
            {
                add(path + ".count", $"must be ≥ 1 neuron, got {x.Count}");
            }

            if (x.FirstGid < 0)
            {
                add(path + ".first_gid", $"must be ≥ 0, got {x.FirstGid}");
            }

            for (var j = 0; j < i; j++)
            {
                var other = recipe.Network[j];
                if (x.Count > 0 && other.Count > 0 && x.FirstGid <= other.LastGid && other.FirstGid <= x.LastGid)
                {
                    add(path, $"gids {x.FirstGid}–{x.LastGid} overlap those of '{other.Name}' ({other.FirstGid}–{other.LastGid})");
                }
            }

            var source = x.Source;
            switch (source.Kind)
            {
                case SpikeSourceKind.Gdf or SpikeSourceKind.NestDat or SpikeSourceKind.Sonata or SpikeSourceKind.Csv:
                    if (source.Files.IsDefaultOrEmpty)
                    {
                        add(path + ".source.files", "expected at least one spike file");
                    }
                    else
                    {
                        foreach (var file in source.Files.Where(f => !File.Exists(f)))
                        {
                            add(path + ".source.files", $"spike file not found: {file}");
                        }
                    }

                    break;
                case SpikeSourceKind.Poisson:
                    if (source.RateHz is not { } rate || !(rate >= 0) || double.IsInfinity(rate))
                    {
                        add(path + ".source.rate_hz", $"expected a rate ≥ 0 Hz, got {source.RateHz?.ToString() ?? "nothing"}");
                    }

                    break;
                case SpikeSourceKind.Inline:
                    foreach (var spike in source.Spikes)
                    {
                        if (!x.Contains(spike.Gid))
                        {
                            add(path + ".source.spikes", $"spike of gid {spike.Gid} outside the population's gids {x.FirstGid}–{x.LastGid}");
                            break;
                        }
                    }

                    break;
            }
        }
    }

    private static void ValidatePopulation(RecipeDescription recipe, PopulationDescription y, Action<string, string> add)
    {
        var path = $"populations.{y.Name}";
        var dt = recipe.DtMs;
        if (y.CellCount < 0)
        {
            add(path + ".number", $"number of cells must be ≥ 0, got {y.CellCount}");
        }

        if (y.Morphology.Path is { } morphologyPath && !File.Exists(morphologyPath))
        {
            add(path + ".morphology", $"morphology file not found: {morphologyPath}");
        }
        else if (y.Morphology.Path is null && string.IsNullOrEmpty(y.Morphology.InlineText))
        {
            add(path + ".morphology", "expected a morphology file (.swc, .hoc, .asc, .xml, .nml or .json)");
        }

        var c = y.Cell;
        CheckPositive(add, path + ".cell.cm", c.CmUfPerCm2, "µF/cm²");
        CheckPositive(add, path + ".cell.Ra", c.RaOhmCm, "Ω·cm");
        if (!(c.GPasSPerCm2 >= 0))
        {
            add(path + ".cell.g_pas", $"must be ≥ 0 S/cm², got {c.GPasSPerCm2}");
        }

        var pl = y.Placement;
        CheckPositive(add, path + ".placement.radius", pl.RadiusUm, "µm");
        if (!(pl.ZMinUm <= pl.ZMaxUm))
        {
            add(path + ".placement", $"expected z_min ≤ z_max, got z_min = {pl.ZMinUm} µm, z_max = {pl.ZMaxUm} µm");
        }

        if (!(pl.MinCellInterdistUm >= 0))
        {
            add(path + ".placement.min_cell_interdist", $"must be ≥ 0 µm, got {pl.MinCellInterdistUm}");
        }

        if (pl.MinRZUm.Length != pl.MinRUm.Length || (pl.MinRZUm.Length == 0) != (pl.MinRUm.Length == 0))
        {
            add(path + ".placement.min_r", $"expected 2 rows of equal length (z points, radii), got {pl.MinRZUm.Length} and {pl.MinRUm.Length}");
        }
        else
        {
            for (var i = 1; i < pl.MinRZUm.Length; i++)
            {
                if (!(pl.MinRZUm[i] > pl.MinRZUm[i - 1]))
                {
                    add(path + ".placement.min_r", $"z points must increase, got {pl.MinRZUm[i - 1]} then {pl.MinRZUm[i]}");
                    break;
                }
            }
        }

        if (y.RandomRotationAxes.Distinct().Count() != y.RandomRotationAxes.Length)
        {
            add(path + ".rand_rot_axis", "each axis may appear once");
        }

        for (var l = 0; l < y.Layers.Length; l++)
        {
            if (!(y.Layers[l].TopUm > y.Layers[l].BottomUm))
            {
                add($"{path}.layer_boundaries[{l}]", $"expected [top, bottom] with top > bottom (µm), got [{y.Layers[l].TopUm}, {y.Layers[l].BottomUm}]");
            }
        }

        var nx = recipe.Network.Length;
        var columns = y.InDegrees.IsDefaultOrEmpty ? 0 : y.InDegrees[0].Length;
        var ragged = !y.InDegrees.IsDefaultOrEmpty && y.InDegrees.Any(r => r.Length != columns);
        if (y.InDegrees.Length != y.Layers.Length || columns != nx || ragged)
        {
            var got = ragged
                ? $"rows of lengths {string.Join(", ", y.InDegrees.Select(r => r.Length))}"
                : $"{y.InDegrees.Length}×{columns}";
            add(path + ".k_yXL", $"expected {y.Layers.Length} rows (layers) × {nx} columns (X), got {got}");
        }

        for (var l = 0; l < y.InDegrees.Length; l++)
        {
            for (var x = 0; x < y.InDegrees[l].Length; x++)
            {
                if (y.InDegrees[l][x] < 0)
                {
                    add($"{path}.k_yXL[{l}][{x}]", $"in-degree must be ≥ 0, got {y.InDegrees[l][x]}");
                }
            }
        }

        if (y.Synapses.Length != nx)
        {
            add(path + ".synParams", $"expected synapse parameters for {nx} network populations, got {y.Synapses.Length}");
        }

        for (var x = 0; x < y.Synapses.Length; x++)
        {
            var s = y.Synapses[x];
            var xName = x < nx ? recipe.Network[x].Name : x.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (s.SectionPatterns.IsDefaultOrEmpty)
            {
                add(path + ".synParams.section", "expected at least one section name pattern");
            }

            if (!double.IsFinite(s.Weight))
            {
                add($"{path}.J_yX.{xName}", $"expected a finite weight, got {s.Weight}");
            }

            CheckPositive(add, $"{path}.tau_yX.{xName}", s.TauMs, "ms");
            if (!(s.DelayLocMs >= dt * (1 - 1e-12)))
            {
                add($"{path}.synDelayLoc.{xName}", $"delay must be ≥ dt = {dt} ms, got {s.DelayLocMs} ms");
            }
            else if (recipe.MinDelayMs is { } dMin && s.DelayScaleMs is null && s.DelayLocMs < dMin * (1 - 1e-12))
            {
                add($"{path}.synDelayLoc.{xName}", $"delay {s.DelayLocMs} ms is below min_delay = {dMin} ms");
            }

            if (s.DelayScaleMs is { } scale && !(scale >= 0))
            {
                add($"{path}.synDelayScale.{xName}", $"must be ≥ 0 ms or null, got {scale}");
            }
        }

        if (y.Injected is { } injected)
        {
            ValidateInjected(recipe, y, injected, path, add);
        }
    }

    private static void ValidateInjected(RecipeDescription recipe, PopulationDescription y, InjectedPopulationDescription injected, string path, Action<string, string> add)
    {
        if (injected.Cells.Length != y.CellCount)
        {
            add(path + ".injected", $"expected draws for {y.CellCount} cells, got {injected.Cells.Length}");
        }

        for (var i = 0; i < injected.Cells.Length; i++)
        {
            var cell = injected.Cells[i];
            var cellPath = $"{path}.injected.cells[{i}]";
            if (cell.CellIndex != i)
            {
                add(cellPath + ".cellindex", $"expected cell index {i}, got {cell.CellIndex}");
            }

            if (cell.Connections.Length != recipe.Network.Length)
            {
                add(cellPath, $"expected connections for {recipe.Network.Length} network populations, got {cell.Connections.Length}");
                continue;
            }

            for (var x = 0; x < cell.Connections.Length; x++)
            {
                var net = recipe.Network[x];
                for (var l = 0; l < cell.Connections[x].Length; l++)
                {
                    var group = cell.Connections[x][l];
                    var gPath = $"{cellPath}.{net.Name}[{l}]";
                    var k = l < y.InDegrees.Length && x < y.InDegrees[l].Length ? y.InDegrees[l][x] : -1;
                    if (group.SegmentIndices.Length != k || group.PresynapticGids.Length != k || group.DelaysMs.Length != k)
                    {
                        add(gPath, $"expected k_yXL = {k} synapses, got {group.SegmentIndices.Length} segments, {group.PresynapticGids.Length} gids, {group.DelaysMs.Length} delays");
                    }

                    if (group.PresynapticGids.Any(g => !net.Contains(g)))
                    {
                        add(gPath, $"presynaptic gid outside {net.Name}'s gids {net.FirstGid}–{net.LastGid}");
                    }

                    if (group.DelaysMs.Any(d => !(d >= recipe.DtMs * (1 - 1e-12))))
                    {
                        add(gPath, $"delay < dt = {recipe.DtMs} ms");
                    }

                    if (group.SegmentIndices.Any(s => s < 0))
                    {
                        add(gPath, "negative segment index");
                    }
                }
            }
        }
    }

    private static void CheckPositive(Action<string, string> add, string path, double value, string unit)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            add(path, $"must be > 0 {unit}, got {value}");
        }
    }

    /// <summary>True if <paramref name="value"/> = n·<paramref name="step"/> for a whole n ≥ 1 (relative tolerance 1e-9).</summary>
    public static bool IsPositiveMultiple(double value, double step)
    {
        var ratio = value / step;
        var n = Math.Round(ratio);
        return n >= 1 && Math.Abs(ratio - n) <= 1e-9 * n;
    }
}
