using System.CommandLine;
using System.Text.Json;
using Maestro.Server.Git.Review;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary><c>maestro review [--json]</c>: what is under review (working tree against the index), hunk by hunk.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var cwd = new Option<string>("--cwd") { Description = "A path inside the repository or worktree (default: the current folder).", DefaultValueFactory = _ => Environment.CurrentDirectory };
        var json = new Option<bool>("--json") { Description = "Print the review/changes result as JSON." };
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to restrict to.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("review", "Show the changes under review with their hunk ids (accept and reject them from the editor).") { paths, cwd, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var selected = result.GetValue(paths) is { Length: > 0 } p ? p : null;
            var changes = await services.GetRequiredService<ReviewService>().ChangesAsync(Path.GetFullPath(result.GetValue(cwd)!), selected, watch: false, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(changes, CliJsonContext.Default.ReviewChangesResult));
                return ExitCodes.Ok;
            }

            foreach (var file in changes.Files)
            {
                var name = file.OldPath is null ? file.Path : $"{file.OldPath} -> {file.Path}";
                CliConsole.Out.WriteLine($"{file.Status.ToString().ToLowerInvariant()}: {name}{(file.Binary ? " (binary)" : string.Empty)}");
                foreach (var hunk in file.Hunks)
                {
                    CliConsole.Out.WriteLine($"{hunk.Header}  id {hunk.Id}");
                    foreach (var line in hunk.Lines)
                    {
                        CliConsole.Out.WriteLine(line);
                    }
                }
            }

            if (changes.Files.Count == 0)
            {
                CliConsole.Out.WriteLine("Nothing to review: the working tree matches the index.");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
