using System.Collections.Immutable;
using System.Globalization;

namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

/// <summary>
/// The sections a hoc file creates, in creation order (NEURON's <c>allsec</c> order), with their names, connections
/// and 3-d points; turned into a <see cref="MorphologyDescription"/> at the end. Owned by one interpreter.
/// </summary>
internal sealed class HocSectionTable
{
    private const double Epsilon = 1e-11; // hoc_epsilon, also used for array subscripts

    private readonly string _sourceName;
    private readonly List<Section> _sections = new();
    private readonly Dictionary<string, (int First, int Count, bool IsArray)> _names = new(StringComparer.Ordinal);

    public HocSectionTable(string sourceName) => _sourceName = sourceName;

    /// <summary>One section while the file runs.</summary>
    public sealed class Section
    {
        public required string Name;
        public int Parent = -1;
        public double ParentX = double.NaN;
        public double ChildX;
        public readonly List<Pt3dPoint> Points = new();
        public LogicalConnectionPoint? Logical;
        public int? Nseg;
        public int LengthOrDiameterLine;
    }

    public int Count => _sections.Count;

    public Section this[int index] => _sections[index];

    /// <summary>True if <paramref name="name"/> was created as a section (scalar or array).</summary>
    public bool Contains(string name) => _names.ContainsKey(name);

    /// <summary>
    /// <c>create name</c> (<paramref name="isArray"/> false, one section called <c>name</c>) or
    /// <c>create name[count]</c> (sections <c>name[0]</c> … <c>name[count-1]</c>), appended in order.
    /// </summary>
    public void Create(string name, int count, bool isArray, int line)
    {
        if (_names.ContainsKey(name))
        {
            throw Error(line, $"section '{name}' is created a second time (re-creating sections is not supported)");
        }

        _names[name] = (_sections.Count, count, isArray);
        for (var i = 0; i < count; i++)
        {
            _sections.Add(new Section { Name = isArray ? $"{name}[{i}]" : name });
        }
    }

    /// <summary>Index of <c>name[index]</c> (<c>name</c> alone means element 0, as in hoc).</summary>
    public int Resolve(string name, double? index, int line)
    {
        if (!_names.TryGetValue(name, out var entry))
        {
            throw Error(line, $"'{name}' is not a section");
        }

        if (index is not { } value)
        {
            return entry.First;
        }

        var i = (int)Math.Floor(value + Epsilon);
        if (!entry.IsArray || value < -Epsilon || i >= entry.Count)
        {
            throw Error(line, $"section index {name}[{value.ToString(CultureInfo.InvariantCulture)}] out of range (size {entry.Count})");
        }

        return entry.First + i;
    }

    /// <summary>NEURON's <c>connect child(childX), parent(parentX)</c>; a later connect of a child replaces the earlier one.</summary>
    public void Connect(int child, double childX, int parent, double parentX, int line)
    {
        var sec = _sections[child];
        if (childX != 0 && childX != 1)
        {
            throw Error(line, $"connect: {sec.Name} must connect at position 0 or 1, not {childX.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(parentX >= 0 && parentX <= 1))
        {
            throw Error(line, $"connect: {sec.Name} must connect to 0 <= x <= 1 of its parent, not {parentX.ToString(CultureInfo.InvariantCulture)}");
        }

        if (child == parent)
        {
            throw Error(line, $"connect: {sec.Name} cannot be connected to itself");
        }

        sec.Parent = parent;
        sec.ParentX = parentX;
        sec.ChildX = childX;
    }

    /// <summary>The final description; every section needs ≥ 2 points and the connections must form a forest.</summary>
    public MorphologyDescription Build()
    {
        if (_sections.Count == 0)
        {
            throw new InputException(_sourceName, "the file creates no sections");
        }

        var result = ImmutableArray.CreateBuilder<SectionDescription>(_sections.Count);
        foreach (var sec in _sections)
        {
            if (sec.Points.Count < 2)
            {
                var detail = sec.Points.Count == 0 && sec.LengthOrDiameterLine > 0
                    ? $" (L/diam set on line {sec.LengthOrDiameterLine}; sections defined by L and diam only are not supported)"
                    : "";
                throw new InputException(
                    _sourceName, $"section {sec.Name} has {sec.Points.Count} 3-d point(s); at least 2 are needed{detail}");
            }

            // A cycle would make NEURON fail when it builds the tree.
            var steps = 0;
            for (var p = sec.Parent; p >= 0; p = _sections[p].Parent)
            {
                if (++steps > _sections.Count)
                {
                    throw new InputException(_sourceName, $"the connections of section {sec.Name} form a loop");
                }
            }

            result.Add(new SectionDescription(sec.Name, sec.Parent, sec.ParentX, sec.ChildX, [.. sec.Points])
            {
                LogicalConnection = sec.Logical,
                FileNseg = sec.Nseg,
            });
        }

        return new MorphologyDescription(result.MoveToImmutable(), _sourceName);
    }

    private InputException Error(int line, string message) => new(_sourceName, message, line);
}
