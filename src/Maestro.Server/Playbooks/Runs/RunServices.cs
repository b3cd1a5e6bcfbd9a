using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>What a run's execution uses: the run store, sessions, the state folder, and where progress goes.</summary>
internal sealed record RunServices(
    RunStore Store,
    SessionService Sessions,
    MaestroPaths Paths,
    Func<RunProgressNotification, Task> Publish,
    ILogger Logger);
