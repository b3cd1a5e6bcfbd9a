using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Git.Review;
using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary>
/// <c>maestro review [--session S] [--json] [--index]</c>: the agents' pending hunks, each with its session;
/// <c>maestro review accept|reject|undo ID|PATH... [--all]</c> decides them (docs/cli.md).
/// </summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var cwd = CwdOption();
        var json = new Option<bool>("--json") { Description = "Print the review/changes result as JSON." };
        var session = new Option<string?>("--session") { Description = "Only this session's changes (its id)." };
        var index = new Option<bool>("--index") { Description = "Review every uncommitted change against git's index instead (the old review)." };
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to restrict to.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("review", "Show what agents changed, hunk by hunk, with the session that made each; accept, reject or undo them.") { paths, cwd, json, session, index };
        command.Subcommands.Add(Decide("accept", "Keep agent hunks (the baseline moves forward; git's index is not touched)."));
        command.Subcommands.Add(Decide("reject", "Revert agent hunks to the text before the turn; your own edits stay. Created files go to Maestro's trash."));
        command.Subcommands.Add(Undo());
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            // Paths are the user's, typed from the current folder (as git takes them), whatever --cwd says.
            var selected = result.GetValue(paths) is { Length: > 0 } p ? p.Select(Path.GetFullPath).ToArray() : null;
            var folder = Path.GetFullPath(result.GetValue(cwd)!);
            var useIndex = result.GetValue(index);
            var changes = useIndex
                ? await services.GetRequiredService<ReviewService>().ChangesAsync(folder, selected, watch: false, cancellationToken)
                : await services.GetRequiredService<AgentReviewService>().ChangesAsync(new ReviewChangesParams { Cwd = folder, Paths = selected, SessionId = result.GetValue(session) }, watch: false, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(changes, CliJsonContext.Default.ReviewChangesResult));
                return ExitCodes.Ok;
            }

            foreach (var file in changes.Files)
            {
                var name = file.OldPath is null ? file.Path : $"{file.OldPath} -> {file.Path}";
                var who = file.SessionName is null ? string.Empty : $"  [{file.SessionName} · {file.SessionId} · turn {file.TurnId}]";
                CliConsole.Out.WriteLine($"{file.Status.ToString().ToLowerInvariant()}: {name}{(file.Binary ? " (binary)" : string.Empty)}{(file.Mixed ? " (mixed: you edited it too)" : string.Empty)}{who}");
                foreach (var hunk in file.Hunks)
                {
                    CliConsole.Out.WriteLine($"{hunk.Header}  id {hunk.Id}{(hunk.Mixed ? "  (mixed)" : string.Empty)}");
                    foreach (var line in hunk.Lines)
                    {
                        CliConsole.Out.WriteLine(line);
                    }
                }
            }

            if (changes.Files.Count == 0)
            {
                CliConsole.Out.WriteLine(useIndex ? "Nothing to review: the working tree matches the index." : "Nothing to review: no agent change is pending here.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string> CwdOption()
        => new("--cwd") { Description = "A path inside the repository or worktree (default: the current folder).", DefaultValueFactory = _ => Environment.CurrentDirectory };

    private static Command Decide(string name, string description)
    {
        var cwd = CwdOption();
        var all = new Option<bool>("--all") { Description = "Every pending agent change (of --session, when given)." };
        var session = new Option<string?>("--session") { Description = "Only this session's changes." };
        var confirm = new Option<bool>("--confirm") { Description = "Reject mixed hunks too, losing your edits inside them." };
        var targets = new Argument<string[]>("targets") { Description = "Hunk ids or paths.", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print {decided, decisionId, trashed} as JSON, or the error object." };
        var command = new Command(name, description) { targets, cwd, all, session, json };
        if (name == "reject")
        {
            command.Options.Add(confirm);
        }

        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var folder = Path.GetFullPath(result.GetValue(cwd)!);
            var given = result.GetValue(targets) ?? [];

            // A 16-hex-digit word is a hunk id; anything else a path.
            var ids = given.Where(IsHunkId).ToList();
            var paths = given.Where(t => !IsHunkId(t)).Select(Path.GetFullPath).ToList();
            if (result.GetValue(all))
            {
                paths.Add(".");
            }

            var request = new ReviewSelectionParams { Cwd = folder, HunkIds = ids, Paths = paths, SessionId = result.GetValue(session), Confirm = result.GetValue(confirm) };
            var review = services.GetRequiredService<AgentReviewService>();
            if (name == "accept")
            {
                var accepted = await review.AcceptAsync(request, cancellationToken);
                NothingMatched(accepted.Accepted, given, result.GetValue(all));
                Print(result.GetValue(json), new ReviewDecided { Decided = accepted.Accepted, DecisionId = accepted.DecisionId }, $"Accepted {Hunks(accepted.Accepted)}.{Undoable(accepted.DecisionId)}");
            }
            else
            {
                var rejected = await review.RejectAsync(request, cancellationToken);
                NothingMatched(rejected.Rejected, given, result.GetValue(all));
                var trash = string.Concat((rejected.Trashed ?? []).Select(t => $"{Environment.NewLine}Moved to Maestro's trash: {t}"));
                Print(result.GetValue(json), new ReviewDecided { Decided = rejected.Rejected, DecisionId = rejected.DecisionId, Trashed = rejected.Trashed }, $"Rejected {Hunks(rejected.Rejected)}.{Undoable(rejected.DecisionId)}{trash}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Undo()
    {
        var cwd = CwdOption();
        var decision = new Argument<string>("decision") { Description = "The decision id an accept or reject printed." };
        var json = new Option<bool>("--json") { Description = "Print {decided} (the files put back) as JSON, or the error object." };
        var command = new Command("undo", "Take back an accept or reject.") { decision, cwd, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var undone = await services.GetRequiredService<AgentReviewService>().UndoAsync(new ReviewUndoParams { Cwd = Path.GetFullPath(result.GetValue(cwd)!), DecisionId = result.GetValue(decision)! }, cancellationToken);
            Print(result.GetValue(json), new ReviewDecided { Decided = undone.Restored }, $"Undone: {undone.Restored} file(s) put back.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Print(bool json, ReviewDecided decided, string text)
        => CliConsole.Out.WriteLine(json ? JsonSerializer.Serialize(decided, CliJsonContext.Default.ReviewDecided) : text);

    /// <summary>An id or path that matched nothing pending is a mistake (a typo, an old id), not a quiet success.</summary>
    private static void NothingMatched(int decided, string[] given, bool all)
    {
        if (decided == 0 && given.Length > 0 && !all)
        {
            throw new CliFailureException(ExitCodes.NothingMatched, $"No pending agent change matches {string.Join(", ", given.Select(g => $"'{g}'"))}; 'maestro review' lists the pending hunks with their ids.");
        }
    }

    private static string Hunks(int count) => count == 1 ? "1 hunk" : $"{count} hunks";

    private static string Undoable(string? decisionId) => decisionId is null ? string.Empty : $" Undo with: maestro review undo {decisionId}";

    private static bool IsHunkId(string word) => word.Length == 16 && word.All(char.IsAsciiHexDigitLower);
}
