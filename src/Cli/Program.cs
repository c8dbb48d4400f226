using HybridLfp.Streaming.Cli.Commands;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli;

/// <summary>Entry point of `hlfp`: dispatches to a sub-command and turns input errors into one-line messages.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Compiles ahead, on the spare core, what the previous run of this command had to JIT (start-up time only).
        using var jitProfile = args.Length > 0 && CommandRegistry.All.Any(c => c.Name == args[0]) ? JitStartupProfile.Start(args[0]) : null;
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C asks for a clean stop (outputs stay valid); a second one kills the process.
            if (!cts.IsCancellationRequested)
            {
                e.Cancel = true;
                cts.Cancel();
            }
        };
        return await RunAsync(args, Console.Out, Console.Error, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Runs `hlfp` with the given arguments and writers (used by tests in-process).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(stdout);
            return args.Count == 0 ? 2 : 0;
        }

        var command = CommandRegistry.All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"hlfp: unknown command '{args[0]}'. Run 'hlfp --help' for the list.");
            return 2;
        }

        try
        {
            return await command.RunAsync(args.Skip(1).ToArray(), stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (InputException e)
        {
            stderr.WriteLine($"hlfp {command.Name}: error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"hlfp {command.Name}: error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stderr.WriteLine($"hlfp {command.Name}: cancelled.");
            return 130;
        }
    }

    private static void PrintUsage(TextWriter stdout)
    {
        stdout.WriteLine("usage: hlfp <command> [arguments]");
        stdout.WriteLine();
        stdout.WriteLine("commands:");
        foreach (var c in CommandRegistry.All)
        {
            stdout.WriteLine($"  {c.Name,-10} {c.Summary}");
        }
    }
}
