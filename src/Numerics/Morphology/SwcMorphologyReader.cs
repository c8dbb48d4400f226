using System.Globalization;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Reads SWC text (columns: id, type, x, y, z, radius, parent id; lengths µm) into sections exactly as NEURON's
/// Import3d (<c>Import3d_SWC_read</c> + <c>Import3d_GUI.instantiate</c>, NEURON 8.2.2) builds them, so LFPy's segment
/// order, names, connections and float32 pt3d points are reproduced. See <see cref="Import3dSwcSections"/> for the
/// rules. Stricter than NEURON where NEURON would fail later or silently misbehave: ids must be non-negative
/// integers increasing line by line, every parent id must name an earlier sample, there must be exactly one root,
/// radii must be ≥ 0, and a data line has exactly 7 columns (an inline <c>#</c> comment may follow).
/// </summary>
public static class SwcMorphologyReader
{
    /// <summary>Parses SWC text; <paramref name="sourceName"/> names the input in error messages.</summary>
    /// <exception cref="InputException">malformed text, with file and line.</exception>
    public static MorphologyDescription Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var samples = Parse(text, sourceName);
        return Import3dSwcSections.Build(samples, sourceName);
    }

    internal static List<SwcSample> Parse(string text, string sourceName)
    {
        var samples = new List<SwcSample>();
        var lineNumber = 0;
        var ids = new Dictionary<int, int>();
        var roots = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 7 || (fields.Length > 7 && fields[7][0] != '#'))
            {
                throw new InputException(
                    sourceName,
                    $"expected 7 columns (id type x y z radius parent), found {CountColumns(fields)}: '{line}'",
                    lineNumber);
            }

            // NEURON reads every column with sscanf("%f"): single precision first.
            var values = new float[7];
            for (var c = 0; c < 7; c++)
            {
                if (!float.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c])
                    || !float.IsFinite(values[c]))
                {
                    throw new InputException(
                        sourceName, $"column {c + 1} ('{fields[c]}') is not a finite number", lineNumber);
                }
            }

            var id = Integer(values[0], "id", sourceName, lineNumber);
            var type = Integer(values[1], "type", sourceName, lineNumber);
            var parent = Integer(values[6], "parent id", sourceName, lineNumber);
            if (id < 0)
            {
                throw new InputException(sourceName, $"id {id} is negative", lineNumber);
            }

            if (values[5] < 0)
            {
                throw new InputException(sourceName, $"radius {fields[5]} of sample {id} is negative", lineNumber);
            }

            if (samples.Count > 0 && id <= samples[^1].Id)
            {
                throw new InputException(
                    sourceName,
                    id == samples[^1].Id || ids.ContainsKey(id)
                        ? $"duplicate id {id}"
                        : $"id {id} is not larger than the previous id {samples[^1].Id} (ids must increase line by line)",
                    lineNumber);
            }

            if (parent < 0)
            {
                roots++;
                if (roots > 1)
                {
                    throw new InputException(
                        sourceName,
                        $"sample {id} is a second root (parent {parent}); a morphology must be a single tree",
                        lineNumber);
                }
            }
            else if (parent >= id)
            {
                throw new InputException(
                    sourceName,
                    $"parent id {parent} of sample {id} is not smaller than its id (a cycle or a forward reference)",
                    lineNumber);
            }
            else if (!ids.ContainsKey(parent))
            {
                throw new InputException(sourceName, $"unknown parent id {parent} of sample {id}", lineNumber);
            }

            ids.Add(id, samples.Count);
            samples.Add(new SwcSample(
                id,
                type,
                values[2],
                values[3],
                values[4],
                2.0 * values[5], // radius → diameter, in double as hoc does
                parent < 0 ? -1 : ids[parent],
                lineNumber));
        }

        if (samples.Count == 0)
        {
            throw new InputException(sourceName, "no SWC samples found");
        }

        return samples;
    }

    private static int CountColumns(string[] fields)
    {
        var n = 0;
        foreach (var f in fields)
        {
            if (f[0] == '#')
            {
                break;
            }

            n++;
        }

        return n;
    }

    private static int Integer(float value, string what, string sourceName, int line)
    {
        if (value != MathF.Floor(value) || Math.Abs(value) > 1 << 24)
        {
            throw new InputException(sourceName, $"{what} {value.ToString(CultureInfo.InvariantCulture)} is not an integer", line);
        }

        return (int)value;
    }
}

/// <summary>One SWC sample as NEURON's sscanf("%f") reads it.</summary>
/// <param name="Id">sample id (column 1).</param>
/// <param name="Type">structure type (column 2: 1 soma, 2 axon, 3 dendrite, 4 apical dendrite, …).</param>
/// <param name="X">x, µm (a float32 value).</param>
/// <param name="Y">y, µm (a float32 value).</param>
/// <param name="Z">z, µm (a float32 value).</param>
/// <param name="Diameter">2 × the float32 radius, µm.</param>
/// <param name="ParentIndex">index of the parent sample in the list, -1 for the root.</param>
/// <param name="Line">1-based line in the file.</param>
internal readonly record struct SwcSample(
    int Id, int Type, double X, double Y, double Z, double Diameter, int ParentIndex, int Line);
