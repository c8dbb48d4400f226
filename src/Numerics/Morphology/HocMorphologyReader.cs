using HybridLfp.Streaming.Numerics.Morphology.Hoc;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// Reads the hoc subset LFPy morphology files use and returns the sections NEURON would have after
/// <c>h.load_file</c>, before <c>define_shape</c>: NEURON creation order (the order of <c>allsec</c>, which LFPy uses
/// for segments), names (<c>soma</c> for a scalar section, <c>dend[3]</c> for arrays), <c>connect</c> topology
/// (parent, parent_x, child_x), and <c>pt3dadd</c> points in the order added, rounded to float32 as NEURON stores
/// them.
/// <para>Supported: <c>create</c> (with arrays), <c>connect child(x), parent(x)</c> and
/// <c>parent connect child(x), x</c>, <c>pt3dclear</c>/<c>pt3dadd</c>/<c>pt3dstyle</c> (logical connection point,
/// kept in <see cref="SectionDescription.LogicalConnection"/>), <c>n3d</c>/<c>x3d</c>/…, section stacks
/// <c>sec stmt</c> and <c>sec { … }</c>, <c>access</c>, <c>proc</c>/<c>func</c> with <c>$1…</c>, <c>local</c> and
/// <c>return</c>, <c>for i = a, b</c>, C-style <c>for</c>, <c>while</c>, <c>if</c>/<c>else</c>, <c>forall</c>,
/// <c>forsec "regex"</c> and <c>forsec list</c>, <c>objref</c> with <c>new SectionList()</c> and <c>.append()</c>,
/// arithmetic with hoc's comparison tolerance, <c>fscan()</c> reading the numbers that follow the executing
/// statement in the same file (as L5_Mainen96_LFPy.hoc does), <c>printf</c> (ignored), comments and <c>\</c> line
/// continuations.</para>
/// <para>Assignments: <c>nseg</c> is recorded (<see cref="SectionDescription.FileNseg"/>); <c>Ra</c> and <c>cm</c>
/// are ignored (LFPy sets them); <c>L</c> and <c>diam</c> are accepted only before a section has 3-d points (later
/// pt3dadd calls define it, as in NEURON) — on a section with points they would rescale them, which is refused;
/// plain names are hoc variables. Every section must end up with at least two 3-d points.</para>
/// Anything else raises an <see cref="InputException"/> naming the file, line and construct.
/// </summary>
public static class HocMorphologyReader
{
    /// <summary>Interprets hoc text; <paramref name="sourceName"/> names the input in error messages.</summary>
    /// <exception cref="InputException">unsupported or malformed hoc, with file and line.</exception>
    public static MorphologyDescription Read(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new HocInterpreter(text, sourceName).Run();
    }
}
