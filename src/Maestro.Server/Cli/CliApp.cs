using System.CommandLine;
using System.CommandLine.Parsing;

namespace Maestro.Server.Cli;

/// <summary>
/// The <c>maestro</c> command line. Usage mistakes get a one-line error with close matches ("did you mean") and the
/// command's own usage; failures print a sentence, never a .NET stack trace (unless <c>-v</c>), and with
/// <c>--json</c> also one documented JSON shape on stdout (<see cref="CliErrorReporter"/>).
/// </summary>
public static class CliApp
{
    /// <summary>The whole command tree; tests walk it so that a new command is held to the conventions at once.</summary>
    internal static RootCommand CreateRoot()
    {
        var root = new RootCommand("Maestro: run many AI coding agents side by side, each on its own branch, from your editor or the command line.")
        {
            ServeCommand.Create(),
            AcpAgent.AcpAgentCommand.Create(),
            DaemonCommand.Create(),
            DoctorCommand.Create(),
            AgentsCommand.Create(),
            SessionsCommand.Create(),
            ChatCommand.Create(),
            WorktreeCommand.Create(),
            ReviewCommand.Create(),
            RunCommand.Create(),
            RunsCommand.Create(),
            PlaybooksCommand.Create(),
            StatsCommand.Create(),
            RemoteCommand.Create(),
            HostsCommand.Create(),
            CompletionCommand.Create(),
        };
        root.Options.Add(new Option<bool>("--verbose", "-v") { Description = "Print diagnostics on stderr: the daemon connection, each request's time, the details of an unexpected error.", Recursive = true });
        root.Options.Add(new Option<bool>("--quiet", "-q") { Description = "Print only results and errors: no notes or progress on stderr.", Recursive = true });
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = CreateRoot();

        // `maestro` alone and `maestro help [COMMAND]` show the usage, as git and gh do.
        if (args.Length == 0)
        {
            args = ["--help"];
        }
        else if (args[0] == "help")
        {
            // `help sesions` is a mistyped command, not the root usage: parsed without --help it reports the typo.
            var named = root.Parse(args[1..], new ParserConfiguration { ResponseFileTokenReplacer = null });
            args = named.UnmatchedTokens.Count > 0 && !named.UnmatchedTokens[0].StartsWith('-') ? args[1..] : [.. args[1..], "--help"];
        }

        // No '@file' response files: '@alias' is how a chat message addresses a participant (`maestro chat post ROOM "@a ..."`).
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var reporter = CliErrorReporter.FromArguments(args);
        if (parsed.Errors.Count > 0 || OptionLikeArgument(parsed, args) is not null)
        {
            return UsageError(root, parsed, args, reporter);
        }

        CliNotes.Quiet = args.Contains("-q") || args.Contains("--quiet");
        CliNotes.Verbose = args.Contains("-v") || args.Contains("--verbose");
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return await reporter.FailureAsync(ex);
        }
    }

    private static int UsageError(RootCommand root, ParseResult parsed, string[] args, CliErrorReporter reporter)
    {
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        var unknown = (parsed.UnmatchedTokens.Count > 0 ? parsed.UnmatchedTokens[0] : null) ?? OptionLikeArgument(parsed, args);
        if (unknown is not null)
        {
            var what = unknown.StartsWith('-') ? "option" : command.Subcommands.Count > 0 ? "command" : "argument";
            return reporter.Usage($"unknown {what} '{unknown}' for '{path}'.", Suggestions.For(unknown, command), path);
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            // A group named without its subcommand (`maestro sessions`): its own usage, on stderr.
            root.Parse([.. path.Split(' ').Skip(1), "--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
            var names = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return reporter.Usage($"'{path}' needs a subcommand: {names}.", helpCommand: path);
        }

        return reporter.Usage(ParseErrors.Describe(parsed.Errors[0], path, out var choices), choices, path);
    }

    /// <summary>An argument that looks like an option (<c>review --jsn</c>): a typo, never a path; a value that
    /// really starts with a dash goes after <c>--</c>.</summary>
    private static string? OptionLikeArgument(ParseResult parsed, string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var afterSeparator = separator < 0 ? [] : args[(separator + 1)..];
        return parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .FirstOrDefault(v => v.Length > 1 && v.StartsWith('-') && !afterSeparator.Contains(v));
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Parent is null ? "maestro" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
