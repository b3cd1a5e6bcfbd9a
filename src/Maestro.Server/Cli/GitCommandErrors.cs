using Maestro.Server.Git.Errors;

namespace Maestro.Server.Cli;

/// <summary>The exit codes of the git commands' own errors; the reporter prints them (and the JSON error object with
/// <c>--json</c>) as it prints every failure.</summary>
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
            throw new CliFailureException(ExitCodes.NotARepository, ex.Message);
        }
        catch (WorktreeDirtyException ex)
        {
            var paths = ex.Data.Paths ?? [];
            throw new CliFailureException(ExitCodes.WorktreeDirty, ex.Message + string.Concat(paths.Select(p => $"{Environment.NewLine}  {p}")));
        }
        catch (BranchNotMergedException ex)
        {
            throw new CliFailureException(ExitCodes.BranchNotMerged, ex.Message, ex.Code, ex.Kind);
        }
    }
}
