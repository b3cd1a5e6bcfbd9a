using Maestro.Server.Hosting;
using Maestro.Server.Sessions;
using Maestro.Server.Storage;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// A session is claimed while it is the current task's session of a run whose playbook lock another live process
/// holds (a <c>maestro run</c> beside the daemon): the daemon must not recover that run's live turn.
/// </summary>
internal sealed class RunSessionClaims : ISessionClaims
{
    private readonly MaestroDatabase database;
    private readonly MaestroPaths paths;

    public RunSessionClaims(MaestroDatabase database, MaestroPaths paths)
    {
        this.database = database;
        this.paths = paths;
    }

    public async Task<bool> IsClaimedElsewhereAsync(string sessionId, CancellationToken cancellationToken)
    {
        var playbooks = await database.ReadAsync<IReadOnlyList<string>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT DISTINCT r.playbook FROM run_tasks t JOIN runs r ON r.id = t.run_id
                    WHERE t.session_id = $s AND t.status = $running AND r.status = $running;
                    """;
                command.Parameters.AddWithValue("$s", sessionId);
                command.Parameters.AddWithValue("$running", RunTaskStatus.Running.ToString());
                var found = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found.Add(reader.GetString(0));
                }

                return found;
            },
            cancellationToken);
        return playbooks.Any(p => RunLock.IsHeldElsewhere(paths, p));
    }
}
