using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>What a run's execution uses: the run store, sessions, the state folder, where progress goes, and the cost limits (why no task may start, or null).</summary>
internal sealed record RunServices(
    RunStore Store,
    SessionService Sessions,
    MaestroPaths Paths,
    Func<RunProgressNotification, Task> Publish,
    ILogger Logger,
    Func<string, CancellationToken, Task<string?>> CostLimitReached);
