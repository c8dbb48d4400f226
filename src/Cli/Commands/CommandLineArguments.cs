using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>The arguments of a command of the form <c>hlfp COMMAND INPUT [-o OUT] [-h]</c>.</summary>
/// <param name="Input">the one positional argument (a file path); empty when <paramref name="Help"/>.</param>
/// <param name="Output">the value of <c>-o</c>/<c>--output</c>, or null when not given.</param>
/// <param name="Help">true when <c>-h</c>/<c>--help</c> was given (the other fields are then not checked).</param>
internal sealed record InputOutputArguments(string Input, string? Output, bool Help);

/// <summary>Parsing shared by the commands that take one input file and an optional <c>-o OUT</c>.</summary>
internal static class CommandLineArguments
{
    /// <summary>
    /// Parses <c>INPUT [-o|--output OUT] [-h|--help]</c>; <paramref name="usage"/> (e.g. "hlfp cell CASE.json -o
    /// OUT.json") is quoted in the errors: a missing input or -o value, a second input, an unknown option.
    /// </summary>
    public static InputOutputArguments ParseInputOutput(IReadOnlyList<string> args, string usage)
    {
        string? input = null;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output":
                    if (i + 1 >= args.Count)
                    {
                        throw new InputException(args[i], $"expected an output file name after {args[i]}; usage: {usage}");
                    }

                    output = args[++i];
                    break;
                case "-h" or "--help":
                    return new InputOutputArguments(input ?? "", output, Help: true);
                default:
                    if (args[i].StartsWith('-'))
                    {
                        throw new InputException(args[i], $"unknown option; usage: {usage}");
                    }

                    if (input is not null)
                    {
                        throw new InputException(args[i], $"unexpected second input file; usage: {usage}");
                    }

                    input = args[i];
                    break;
            }
        }

        if (input is null)
        {
            throw new InputException("arguments", $"missing the input file; usage: {usage}");
        }

        return new InputOutputArguments(input, output, Help: false);
    }
}
