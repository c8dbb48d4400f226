using System.Globalization;

namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

// Calls: hoc built-ins a morphology file may use (pt3d functions, fscan, math, printf), user procedures and
// functions, and SectionList methods.
internal sealed partial class HocInterpreter
{
    private static readonly HashSet<string> s_builtIns = new(StringComparer.Ordinal)
    {
        "pt3dadd", "pt3dclear", "pt3dstyle", "n3d", "x3d", "y3d", "z3d", "diam3d", "fscan", "printf", "sqrt", "exp",
        "log", "log10", "sin", "cos", "tan", "atan", "abs", "fabs", "int", "floor", "ceil", "atan2",
        "define_shape", "load_file", "xopen", "ropen", "wopen", "load_proc", "load_func", "nrn_load_dll", "execute",
        "execute1", "disconnect", "delete_section", "topology", "pt3dinsert", "pt3dremove", "pt3dchange", "pt3dconst",
        "distance", "area", "ri", "setSpineArea",
    };

    private static bool IsBuiltIn(string name) => s_builtIns.Contains(name);

    private HocValue Call(CallExpr e)
    {
        switch (e.Name)
        {
            case "pt3dadd":
                {
                    var args = NumberArguments(e, 4, 4);
                    var section = _sections[CurrentSection(e.Line)];
                    foreach (var a in args)
                    {
                        if (!double.IsFinite(a))
                        {
                            throw Error(e.Line, $"pt3dadd in {section.Name}: non-finite value");
                        }
                    }

                    if (args[3] < 0)
                    {
                        throw Error(e.Line, $"pt3dadd in {section.Name}: negative diameter {args[3].ToString(CultureInfo.InvariantCulture)}");
                    }

                    // NEURON's Pt3d holds floats: the double arguments are rounded here.
                    section.Points.Add(Pt3dPoint.FromDouble(args[0], args[1], args[2], args[3]));
                    return HocValue.Of(1);
                }

            case "pt3dclear":
                NumberArguments(e, 0, 1);
                _sections[CurrentSection(e.Line)].Points.Clear();
                return HocValue.Of(0);
            case "pt3dstyle":
                {
                    var section = _sections[CurrentSection(e.Line)];
                    if (e.Arguments.Count > 0)
                    {
                        var args = NumberArguments(e, 1, 4);
                        if (args[0] == 1 && args.Length == 4)
                        {
                            section.Logical = new LogicalConnectionPoint((float)args[1], (float)args[2], (float)args[3]);
                        }
                        else if (args[0] == 0 && args.Length == 1)
                        {
                            section.Logical = null;
                        }
                        else
                        {
                            throw Error(e.Line, "pt3dstyle expects (0) or (1, x, y, z)");
                        }
                    }

                    return HocValue.Of(section.Logical is null ? 0 : 1);
                }

            case "n3d":
                NumberArguments(e, 0, 0);
                return HocValue.Of(_sections[CurrentSection(e.Line)].Points.Count);
            case "x3d" or "y3d" or "z3d" or "diam3d":
                {
                    var section = _sections[CurrentSection(e.Line)];
                    var i = NumberArguments(e, 1, 1)[0];
                    var index = (int)Math.Floor(i + Epsilon);
                    if (index < 0 || index >= section.Points.Count)
                    {
                        throw Error(e.Line, $"{e.Name}({i.ToString(CultureInfo.InvariantCulture)}): {section.Name} has {section.Points.Count} points");
                    }

                    var p = section.Points[index];
                    return HocValue.Of(e.Name switch { "x3d" => p.X, "y3d" => p.Y, "z3d" => p.Z, _ => p.Diameter });
                }

            case "fscan":
                NumberArguments(e, 0, 0);
                if (_fscanCursor < 0)
                {
                    _fscanCursor = _lexer.NextLineStart();
                }

                return HocValue.Of(_lexer.Fscan(ref _fscanCursor, e.Line));
            case "printf":
                foreach (var argument in e.Arguments)
                {
                    Evaluate(argument);
                }

                return HocValue.Of(0);
            case "sqrt" or "exp" or "log" or "log10" or "sin" or "cos" or "tan" or "atan" or "abs" or "fabs" or "int"
                or "floor" or "ceil":
                {
                    var x = NumberArguments(e, 1, 1)[0];
                    return HocValue.Of(e.Name switch
                    {
                        "sqrt" => Math.Sqrt(x),
                        "exp" => Math.Exp(x),
                        "log" => Math.Log(x),
                        "log10" => Math.Log10(x),
                        "sin" => Math.Sin(x),
                        "cos" => Math.Cos(x),
                        "tan" => Math.Tan(x),
                        "atan" => Math.Atan(x),
                        "abs" or "fabs" => Math.Abs(x),
                        "int" => Math.Truncate(x),
                        "floor" => Math.Floor(x),
                        _ => Math.Ceiling(x),
                    });
                }

            case "atan2":
                {
                    var args = NumberArguments(e, 2, 2);
                    return HocValue.Of(Math.Atan2(args[0], args[1]));
                }

            case "define_shape" or "load_file" or "xopen" or "ropen" or "wopen" or "load_proc" or "load_func"
                or "nrn_load_dll" or "execute" or "execute1" or "disconnect" or "delete_section" or "topology"
                or "pt3dinsert" or "pt3dremove" or "pt3dchange" or "pt3dconst" or "distance" or "area" or "ri"
                or "setSpineArea":
                throw Error(e.Line, $"unsupported construct '{e.Name}()' in a morphology file");
        }

        if (!_procs.TryGetValue(e.Name, out var proc))
        {
            throw Error(e.Line, $"unknown procedure or function '{e.Name}'");
        }

        var values = new HocValue[e.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Evaluate(e.Arguments[i]); // left to right, as hoc pushes them
        }

        if (++_callDepth > MaxCallDepth)
        {
            throw Error(e.Line, $"calls nested deeper than {MaxCallDepth} (endless recursion in '{e.Name}'?)");
        }

        var saved = _frame;
        var stackDepth = _sectionStack.Count;
        _frame = new Frame { ProcName = e.Name, Arguments = values };
        try
        {
            var flow = Execute(proc.Body);
            if (flow is Flow.Break or Flow.Continue)
            {
                throw Error(e.Line, $"'{flow.ToString().ToLowerInvariant()}' outside a loop in '{e.Name}'");
            }

            return proc.IsFunc ? _frame.ReturnValue : HocValue.Of(0);
        }
        finally
        {
            _frame = saved;
            _callDepth--;
            while (_sectionStack.Count > stackDepth)
            {
                _sectionStack.Pop();
            }
        }
    }

    private HocValue CallMethod(MethodCallExpr e)
    {
        var target = ReadVariable(new VariableExpr(e.Line, e.ObjectName));
        if (target.Kind != HocValueKind.Object || target.Reference is null)
        {
            throw Error(e.Line, $"'{e.ObjectName}' is not an object (did you create it with new SectionList()?)");
        }

        if (target.Reference is HocSectionList list && e.Method == "append" && e.Arguments.Count == 0)
        {
            list.Sections.Add(CurrentSection(e.Line));
            return HocValue.Of(1);
        }

        throw Error(e.Line, $"unsupported construct '{e.ObjectName}.{e.Method}(…)' (only SectionList.append())");
    }

    private double[] NumberArguments(CallExpr e, int min, int max)
    {
        if (e.Arguments.Count < min || e.Arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : $"{min} to {max}";
            throw Error(e.Line, $"{e.Name}() takes {expected} arguments, found {e.Arguments.Count}");
        }

        var values = new double[e.Arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Number(e.Arguments[i]);
        }

        return values;
    }
}
