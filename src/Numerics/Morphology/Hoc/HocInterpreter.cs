using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

/// <summary>
/// Runs the hoc subset of LFPy-style morphology files and collects the sections NEURON would build: creation
/// order, names, <c>connect</c> topology, <c>pt3dadd</c> points (float32, in the order added), <c>pt3dstyle</c>
/// logical connection points and <c>nseg</c> assignments. Statements are executed one top-level statement at a time,
/// as hoc does, so <c>fscan()</c> can read the numbers that follow the statement in the same file.
/// Single use, not thread-safe.
/// </summary>
internal sealed class HocInterpreter
{
    private const double Epsilon = 1e-11; // hoc_epsilon (float_epsilon): tolerance of hoc comparisons and loops
    private const long MaxSteps = 50_000_000;
    private const int MaxCallDepth = 200;

    private readonly string _sourceName;
    private readonly HocLexer _lexer;
    private readonly List<HocSection> _sections = new();
    private readonly Dictionary<string, (int First, int Count, bool IsArray)> _sectionNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HocValue> _globals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcDefStmt> _procs = new(StringComparer.Ordinal);
    private readonly Stack<int> _sectionStack = new();
    private int _accessed = -1;
    private Frame? _frame;
    private int _callDepth;
    private int _fscanCursor = -1;
    private long _steps;

    private enum Flow
    {
        Normal,
        Break,
        Continue,
        Return,
    }

    private sealed class Frame
    {
        public required string ProcName;
        public required HocValue[] Arguments;
        public readonly Dictionary<string, HocValue> Locals = new(StringComparer.Ordinal);
        public HocValue ReturnValue = HocValue.Of(0);
    }

    private sealed class HocSection
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

    public HocInterpreter(string text, string sourceName)
    {
        _sourceName = sourceName;
        _lexer = new HocLexer(text, sourceName);
    }

    public MorphologyDescription Run()
    {
        var parser = new HocParser(_lexer, _sourceName, name => _sectionNames.ContainsKey(name));
        while (parser.ParseTopLevel() is { } statement)
        {
            _fscanCursor = -1;
            var flow = Execute(statement);
            if (flow != Flow.Normal)
            {
                throw Error(statement.Line, $"'{flow.ToString().ToLowerInvariant()}' outside a procedure or loop");
            }

            if (_fscanCursor >= 0)
            {
                _lexer.ResumeAt(_fscanCursor);
            }
        }

        return Build();
    }

    private MorphologyDescription Build()
    {
        if (_sections.Count == 0)
        {
            throw new InputException(_sourceName, "the file creates no sections");
        }

        var result = ImmutableArray.CreateBuilder<SectionDescription>(_sections.Count);
        for (var i = 0; i < _sections.Count; i++)
        {
            var sec = _sections[i];
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

    private Flow Execute(HocStmt statement)
    {
        if (++_steps > MaxSteps)
        {
            throw Error(statement.Line, $"more than {MaxSteps} statements executed (an endless loop?)");
        }

        switch (statement)
        {
            case ExprStmt s:
                Evaluate(s.Expr);
                return Flow.Normal;
            case BlockStmt s:
                foreach (var inner in s.Statements)
                {
                    var flow = Execute(inner);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case IfStmt s:
                if (Truth(s.Condition))
                {
                    return Execute(s.Then);
                }

                return s.Else is null ? Flow.Normal : Execute(s.Else);
            case WhileStmt s:
                while (Truth(s.Condition))
                {
                    var flow = Execute(s.Body);
                    if (flow == Flow.Break)
                    {
                        break;
                    }

                    if (flow == Flow.Return)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case ForCStmt s:
                if (s.Init is not null)
                {
                    Evaluate(s.Init);
                }

                while (s.Condition is null || Truth(s.Condition))
                {
                    var flow = Execute(s.Body);
                    if (flow == Flow.Break)
                    {
                        break;
                    }

                    if (flow == Flow.Return)
                    {
                        return flow;
                    }

                    if (s.Step is not null)
                    {
                        Evaluate(s.Step);
                    }

                    if (++_steps > MaxSteps)
                    {
                        throw Error(s.Line, $"more than {MaxSteps} statements executed (an endless loop?)");
                    }
                }

                return Flow.Normal;
            case ForRangeStmt s:
                return ExecuteForRange(s);
            case ProcDefStmt s:
                if (_sectionNames.ContainsKey(s.Name) || (_globals.ContainsKey(s.Name) && !_procs.ContainsKey(s.Name)))
                {
                    throw Error(s.Line, $"'{s.Name}' is already declared as a section or variable");
                }

                _procs[s.Name] = s; // hoc allows redefinition (L5_Mainen96 redefines geometry())
                return Flow.Normal;
            case ReturnStmt s:
                if (_frame is null)
                {
                    throw Error(s.Line, "'return' outside a procedure");
                }

                _frame.ReturnValue = s.Value is null ? HocValue.Of(0) : Evaluate(s.Value);
                return Flow.Return;
            case BreakStmt:
                return Flow.Break;
            case ContinueStmt:
                return Flow.Continue;
            case LocalStmt s:
                if (_frame is null)
                {
                    throw Error(s.Line, "'local' outside a procedure");
                }

                foreach (var name in s.Names)
                {
                    _frame.Locals[name] = HocValue.Of(0);
                }

                return Flow.Normal;
            case ObjRefStmt s:
                foreach (var name in s.Names)
                {
                    if (_sectionNames.ContainsKey(name) || _procs.ContainsKey(name))
                    {
                        throw Error(s.Line, $"'{name}' is already declared as a section or procedure");
                    }

                    _globals[name] = HocValue.OfObject(null);
                }

                return Flow.Normal;
            case CreateStmt s:
                ExecuteCreate(s);
                return Flow.Normal;
            case ConnectStmt s:
                ExecuteConnect(s);
                return Flow.Normal;
            case AccessStmt s:
                _accessed = Resolve(s.Section);
                return Flow.Normal;
            case SectionStackStmt s:
                {
                    var index = Resolve(s.Section);
                    _sectionStack.Push(index);
                    try
                    {
                        return Execute(s.Body);
                    }
                    finally
                    {
                        _sectionStack.Pop();
                    }
                }

            case ForAllStmt s:
                return ExecuteForSections(Enumerable.Range(0, _sections.Count).ToList(), s.Body);
            case ForSecStmt s:
                return ExecuteForSections(SelectSections(s), s.Body);
            default:
                throw Error(statement.Line, $"unsupported statement {statement.GetType().Name}");
        }
    }

    private Flow ExecuteForRange(ForRangeStmt s)
    {
        var from = Number(s.From);
        var to = Number(s.To) + Epsilon; // both bounds are evaluated once, as hoc's shortfor does
        Assign(s.Variable, HocValue.Of(from), s.Line);
        while (Number(s.Variable) <= to)
        {
            var flow = Execute(s.Body);
            if (flow == Flow.Break)
            {
                break;
            }

            if (flow == Flow.Return)
            {
                return flow;
            }

            Assign(s.Variable, HocValue.Of(Number(s.Variable) + 1), s.Line);
        }

        return Flow.Normal;
    }

    private Flow ExecuteForSections(List<int> sections, HocStmt body)
    {
        foreach (var index in sections)
        {
            _sectionStack.Push(index);
            Flow flow;
            try
            {
                flow = Execute(body);
            }
            finally
            {
                _sectionStack.Pop();
            }

            if (flow == Flow.Break)
            {
                break;
            }

            if (flow == Flow.Return)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private List<int> SelectSections(ForSecStmt s)
    {
        if (s.Selector is StringExpr pattern)
        {
            Regex regex;
            try
            {
                regex = new Regex(pattern.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw Error(s.Line, $"forsec: invalid regular expression \"{pattern.Value}\": {e.Message}");
            }

            return Enumerable.Range(0, _sections.Count).Where(i => regex.IsMatch(_sections[i].Name)).ToList();
        }

        var value = Evaluate(s.Selector);
        if (value is { Kind: HocValueKind.Object, Reference: HocSectionList list })
        {
            return [.. list.Sections];
        }

        throw Error(s.Line, "forsec expects a string or a SectionList");
    }

    private void ExecuteCreate(CreateStmt s)
    {
        foreach (var (name, sizeExpr) in s.Sections)
        {
            if (_sectionNames.ContainsKey(name))
            {
                throw Error(s.Line, $"section '{name}' is created a second time (re-creating sections is not supported)");
            }

            if (_globals.ContainsKey(name) || _procs.ContainsKey(name))
            {
                throw Error(s.Line, $"'{name}' is already declared as a variable or procedure");
            }

            var count = 1;
            if (sizeExpr is not null)
            {
                var size = Number(sizeExpr);
                count = (int)Math.Floor(size + Epsilon);
                if (count < 1 || count > 1_000_000)
                {
                    throw Error(s.Line, $"create {name}[{size.ToString(CultureInfo.InvariantCulture)}]: the size must be a positive integer");
                }
            }

            _sectionNames[name] = (_sections.Count, count, sizeExpr is not null);
            for (var i = 0; i < count; i++)
            {
                _sections.Add(new HocSection { Name = sizeExpr is null ? name : $"{name}[{i}]" });
            }
        }
    }

    private void ExecuteConnect(ConnectStmt s)
    {
        var child = Resolve(s.Child);
        var childX = Number(s.ChildX);
        var parent = s.Parent is null ? CurrentSection(s.Line) : Resolve(s.Parent);
        var parentX = Number(s.ParentX);
        var childName = _sections[child].Name;
        if (childX != 0 && childX != 1)
        {
            throw Error(s.Line, $"connect: {childName} must connect at position 0 or 1, not {childX.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(parentX >= 0 && parentX <= 1))
        {
            throw Error(s.Line, $"connect: {childName} must connect to 0 <= x <= 1 of its parent, not {parentX.ToString(CultureInfo.InvariantCulture)}");
        }

        if (child == parent)
        {
            throw Error(s.Line, $"connect: {childName} cannot be connected to itself");
        }

        // A later connect of the same child replaces the earlier one, as in NEURON.
        var sec = _sections[child];
        sec.Parent = parent;
        sec.ParentX = parentX;
        sec.ChildX = childX;
    }

    private int Resolve(SectionRef reference)
    {
        if (!_sectionNames.TryGetValue(reference.Name, out var entry))
        {
            throw Error(reference.Line, $"'{reference.Name}' is not a section");
        }

        var index = 0;
        if (reference.Index is not null)
        {
            var value = Number(reference.Index);
            index = (int)Math.Floor(value + Epsilon);
            if (!entry.IsArray || value < -Epsilon || index >= entry.Count)
            {
                throw Error(
                    reference.Line,
                    $"section index {reference.Name}[{value.ToString(CultureInfo.InvariantCulture)}] out of range (size {entry.Count})");
            }
        }

        return entry.First + index;
    }

    private int CurrentSection(int line)
    {
        if (_sectionStack.Count > 0)
        {
            return _sectionStack.Peek();
        }

        if (_accessed >= 0)
        {
            return _accessed;
        }

        if (_sections.Count > 0)
        {
            return 0; // NEURON's default: the first section created
        }

        throw Error(line, "no section is accessed (create one, then use 'access' or a section stack 'sec { … }')");
    }

    private bool Truth(HocExpr expr) => Number(expr) != 0;

    private double Number(HocExpr expr)
    {
        var value = Evaluate(expr);
        if (value.Kind != HocValueKind.Number)
        {
            throw Error(expr.Line, $"expected a number, found a {value.Kind.ToString().ToLowerInvariant()}");
        }

        return value.Number;
    }

    private HocValue Evaluate(HocExpr expr)
    {
        switch (expr)
        {
            case NumberExpr e:
                return HocValue.Of(e.Value);
            case StringExpr e:
                return HocValue.OfString(e.Value);
            case VariableExpr e:
                return ReadVariable(e);
            case ArgumentExpr e:
                if (_frame is null || e.Index < 1 || e.Index > _frame.Arguments.Length)
                {
                    throw Error(e.Line, $"argument ${e.Index} does not exist here");
                }

                return _frame.Arguments[e.Index - 1];
            case AssignExpr e:
                {
                    var value = Evaluate(e.Value);
                    if (e.Operator != "=")
                    {
                        var current = Number(e.Target);
                        var operand = AsNumber(value, e.Line);
                        value = HocValue.Of(e.Operator switch
                        {
                            "+=" => current + operand,
                            "-=" => current - operand,
                            "*=" => current * operand,
                            _ => Divide(current, operand, e.Line),
                        });
                    }

                    Assign(e.Target, value, e.Line);
                    return value;
                }

            case UnaryExpr e:
                {
                    var operand = Number(e.Operand);
                    return HocValue.Of(e.Operator == "-" ? -operand : (operand == 0 ? 1 : 0));
                }

            case BinaryExpr e:
                return HocValue.Of(Binary(e));
            case CallExpr e:
                return Call(e);
            case MethodCallExpr e:
                return CallMethod(e);
            case NewExpr e:
                if (e.TypeName != "SectionList" || e.Arguments.Count != 0)
                {
                    throw Error(e.Line, $"unsupported construct 'new {e.TypeName}(…)' (only new SectionList())");
                }

                return HocValue.OfObject(new HocSectionList());
            default:
                throw Error(expr.Line, $"unsupported expression {expr.GetType().Name}");
        }
    }

    private double Binary(BinaryExpr e)
    {
        // hoc evaluates both operands of && and || (no short circuit).
        var a = Number(e.Left);
        var b = Number(e.Right);
        return e.Operator switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => Divide(a, b, e.Line),
            "%" => b == 0 ? throw Error(e.Line, "modulus by zero") : a - b * Math.Floor(a / b),
            "^" => Math.Pow(a, b),
            "<" => a < b - Epsilon ? 1 : 0,
            ">" => a > b + Epsilon ? 1 : 0,
            "<=" => a <= b + Epsilon ? 1 : 0,
            ">=" => a >= b - Epsilon ? 1 : 0,
            "==" => Math.Abs(a - b) <= Epsilon ? 1 : 0,
            "!=" => Math.Abs(a - b) > Epsilon ? 1 : 0,
            "&&" => a != 0 && b != 0 ? 1 : 0,
            "||" => a != 0 || b != 0 ? 1 : 0,
            _ => throw Error(e.Line, $"unsupported operator '{e.Operator}'"),
        };
    }

    private double Divide(double a, double b, int line) =>
        b == 0 ? throw Error(line, "division by zero") : a / b;

    private double AsNumber(HocValue value, int line) =>
        value.Kind == HocValueKind.Number ? value.Number : throw Error(line, "expected a number");

    private HocValue ReadVariable(VariableExpr e)
    {
        if (_frame is not null && _frame.Locals.TryGetValue(e.Name, out var local))
        {
            return local;
        }

        if (_globals.TryGetValue(e.Name, out var global))
        {
            return global;
        }

        switch (e.Name)
        {
            case "nseg":
                return HocValue.Of(_sections[CurrentSection(e.Line)].Nseg ?? 1);
            case "PI":
                return HocValue.Of(Math.PI);
            case "E":
                return HocValue.Of(Math.E);
            case "float_epsilon":
                return HocValue.Of(Epsilon);
            case "L" or "diam" or "Ra" or "cm":
                throw Error(e.Line, $"reading '{e.Name}' is not supported in a morphology file");
        }

        if (_sectionNames.ContainsKey(e.Name))
        {
            throw Error(e.Line, $"section '{e.Name}' used as a value");
        }

        throw Error(e.Line, $"undefined variable '{e.Name}'");
    }

    private void Assign(HocExpr target, HocValue value, int line)
    {
        if (target is ArgumentExpr argument)
        {
            if (_frame is null || argument.Index < 1 || argument.Index > _frame.Arguments.Length)
            {
                throw Error(line, $"argument ${argument.Index} does not exist here");
            }

            _frame.Arguments[argument.Index - 1] = value;
            return;
        }

        var name = ((VariableExpr)target).Name;
        if (_frame is not null && _frame.Locals.ContainsKey(name))
        {
            _frame.Locals[name] = value;
            return;
        }

        switch (name)
        {
            case "nseg":
                {
                    var section = _sections[CurrentSection(line)];
                    var n = AsNumber(value, line);
                    if (!(n >= 1 && n <= 32767))
                    {
                        throw Error(line, $"nseg of {section.Name} must be a positive integer, not {n.ToString(CultureInfo.InvariantCulture)}");
                    }

                    section.Nseg = (int)n;
                    return;
                }

            case "L" or "diam":
                {
                    var section = _sections[CurrentSection(line)];
                    var v = AsNumber(value, line);
                    if (!(v > 0))
                    {
                        throw Error(line, $"{name} of {section.Name} must be positive, not {v.ToString(CultureInfo.InvariantCulture)}");
                    }

                    if (section.Points.Count > 0)
                    {
                        throw Error(
                            line,
                            $"setting {name} of {section.Name}, which has 3-d points, would rescale them in NEURON; not supported");
                    }

                    // Without 3-d points the value only matters if none are added later (reported in Build).
                    section.LengthOrDiameterLine = line;
                    return;
                }

            case "Ra" or "cm":
                // LFPy sets Ra and cm of every section itself, after loading the morphology: ignored here.
                AsNumber(value, line);
                CurrentSection(line);
                return;
            case "PI" or "E" or "float_epsilon":
                throw Error(line, $"'{name}' is a constant");
        }

        if (_sectionNames.ContainsKey(name) || _procs.ContainsKey(name))
        {
            throw Error(line, $"cannot assign to '{name}' (a section or procedure)");
        }

        _globals[name] = value;
    }

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

    private InputException Error(int line, string message) => new(_sourceName, message, line);
}
