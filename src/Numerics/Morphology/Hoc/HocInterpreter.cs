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
internal sealed partial class HocInterpreter
{
    private const double Epsilon = 1e-11; // hoc_epsilon (float_epsilon): tolerance of hoc comparisons and loops
    private const long MaxSteps = 1_000_000; // far above any morphology file (L23E_oi24rpy1.hoc: ~1e4 statements)
    private const int MaxCallDepth = 200;

    private readonly string _sourceName;
    private readonly HocLexer _lexer;
    private readonly HocSectionTable _sections;
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

    public HocInterpreter(string text, string sourceName)
    {
        _sourceName = sourceName;
        _lexer = new HocLexer(text, sourceName);
        _sections = new HocSectionTable(sourceName);
    }

    public MorphologyDescription Run()
    {
        var parser = new HocParser(_lexer, _sourceName, _sections.Contains);
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

        return _sections.Build();
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
                if (IsBuiltIn(s.Name))
                {
                    throw Error(s.Line, $"'{s.Name}' is a built-in function of hoc and cannot be redefined");
                }

                if (_sections.Contains(s.Name) || (_globals.ContainsKey(s.Name) && !_procs.ContainsKey(s.Name)))
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
                    throw Error(s.Line, $"'{(s.Objects ? "localobj" : "local")}' outside a procedure");
                }

                foreach (var name in s.Names)
                {
                    _frame.Locals[name] = s.Objects ? HocValue.OfObject(null) : HocValue.Of(0);
                }

                return Flow.Normal;
            case ObjRefStmt s:
                foreach (var name in s.Names)
                {
                    if (_sections.Contains(name) || _procs.ContainsKey(name))
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

            _sections.Create(name, count, sizeExpr is not null, s.Line);
        }
    }

    private void ExecuteConnect(ConnectStmt s)
    {
        var child = Resolve(s.Child);
        var childX = Number(s.ChildX);
        var parent = s.Parent is null ? CurrentSection(s.Line) : Resolve(s.Parent);
        var parentX = Number(s.ParentX);
        _sections.Connect(child, childX, parent, parentX, s.Line);
    }

    private int Resolve(SectionRef reference) =>
        _sections.Resolve(reference.Name, reference.Index is null ? null : Number(reference.Index), reference.Line);

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

        if (_sections.Contains(e.Name))
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

        if (_sections.Contains(name) || _procs.ContainsKey(name))
        {
            throw Error(line, $"cannot assign to '{name}' (a section or procedure)");
        }

        _globals[name] = value;
    }

    private InputException Error(int line, string message) => new(_sourceName, message, line);
}
