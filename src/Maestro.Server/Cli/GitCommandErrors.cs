using Maestro.Server.Git.Errors;

namespace Maestro.Server.Cli;

/// <summary>The exit codes of the git commands' own errors; other errors go to <see cref="CliApp"/>.</summary>
internal static class GitCommandErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (NotARepositoryException ex)
        {
            await Console.Error.WriteLineAsync($"maestro: {ex.Message}");
            return ExitCodes.NotARepository;
        }
        catch (WorktreeDirtyException ex)
        {
            await Console.Error.WriteLineAsync($"maestro: {ex.Message}");
            foreach (var path in ex.Data.Paths ?? [])
            {
                await Console.Error.WriteLineAsync($"  {path}");
            }

            return ExitCodes.WorktreeDirty;
        }
    }
}
