using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Agents.Running;
using Maestro.Server.Daemon;
using Maestro.Server.Errors;
using Maestro.Server.Git.Worktrees;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions.Discovery;
using Maestro.Server.Sessions.Errors;
using Maestro.Server.Sessions.Resilience;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Sessions;

/// <summary>
/// Sessions: created, prompted, cancelled, closed, listed, paged. A session lives in SQLite; while it
/// has work it also has a <see cref="SessionRuntime"/> in memory, recreated on demand after a restart
/// (the agent's own session id resumes the conversation).
/// </summary>
public sealed class SessionService : IAsyncDisposable, IBackgroundWork
{
    public const int DefaultHistoryLimit = 500;
    public const int MaxHistoryLimit = 5000;

    private readonly SessionStore store;
    private readonly AgentCatalog catalog;
    private readonly AgentAdapterFactory adapters;
    private readonly ConnectionRegistry clients;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<SessionService> logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<SessionRuntime>>> live = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ISessionSource> sources;
    private readonly WorktreeService worktrees;
    private readonly AgentProcesses processes;
    private readonly IReadOnlyList<ISessionClaims> claims;
    private readonly ITurnObserver turnObserver;

    // In memory only: their environment and headers may hold credentials, and the client that gave them (an ACP
    // editor) gives them again when it loads the session after a restart.
    private readonly ConcurrentDictionary<string, IReadOnlyList<McpServer>> mcpServers = new(StringComparer.Ordinal);

    // Recovery runs in the background after start-up; anything this process created or touched since is not the
    // previous daemon's and must not be marked interrupted.
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private readonly TurnRetryPolicies retryPolicies;
    private readonly TimeProvider time;

    public SessionService(SessionStore store, AgentCatalog catalog, AgentAdapterFactory adapters, ConnectionRegistry clients, ILoggerFactory loggerFactory, IEnumerable<ISessionSource> sources, WorktreeService worktrees, AgentProcesses processes, IEnumerable<ISessionClaims> claims, ITurnObserver turnObserver, TurnRetryPolicies retryPolicies, TimeProvider time)
    {
        this.turnObserver = turnObserver;
        this.retryPolicies = retryPolicies;
        this.time = time;
        this.processes = processes;
        this.claims = claims.ToList();
        this.sources = sources.ToList();
        this.worktrees = worktrees;
        this.store = store;
        this.catalog = catalog;
        this.adapters = adapters;
        this.clients = clients;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<SessionService>();
    }

    /// <summary>A running or queued turn keeps the daemon up with no client attached (it works unattended).</summary>
    public bool HasWork => live.Values.Any(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result.Busy);

    /// <summary>Every stored-and-broadcast event, in seq order per session.</summary>
    public event EventHandler<SessionEventAppendedEventArgs>? EventAppended;

    public async Task<Session> CreateAsync(SessionCreateParams request, CancellationToken cancellationToken)
    {
        var definition = catalog.Find(request.AgentId)
            ?? throw new AgentUnavailableException($"There is no agent '{request.AgentId}'. 'agents/list' shows the known agents.");
        var adapter = adapters.Create(definition.Id); // fails early, naming what is missing
        var cwd = Path.GetFullPath(request.Cwd);
        if (!Directory.Exists(cwd))
        {
            throw new InvalidParamsException($"The folder '{request.Cwd}' does not exist.");
        }

        // A fresh worktree on its own branch, beside the repository, so several agents can change one repo at once.
        var worktree = request.Worktree is null
            ? null
            : await worktrees.CreateAsync(cwd, request.Worktree.Branch, request.Worktree.Base, null, cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var existing = await store.ListAsync(null, null, cancellationToken);
        var session = new Session
        {
            Id = "s_" + Guid.NewGuid().ToString("N")[..12],
            Name = string.IsNullOrWhiteSpace(request.Name) ? SessionNames.Default(definition.Name, existing.Count(s => s.AgentId == definition.Id) + 1) : request.Name.Trim(),
            AgentId = definition.Id,
            Cwd = cwd,
            Worktree = worktree?.Path,
            Branch = worktree?.Branch,
            Status = SessionStatus.Idle,
            Model = request.Model,
            PermissionMode = request.PermissionMode ?? PermissionMode.AcceptEdits,
            CreatedAt = now,
            UpdatedAt = now,
            Usage = Usage.Zero,
        };
        await store.InsertAsync(session, cancellationToken);
        if (request.McpServers is { Count: > 0 } servers)
        {
            mcpServers[session.Id] = McpServerCheck.Checked(servers);
        }

        live[session.Id] = new Lazy<Task<SessionRuntime>>(Task.FromResult(NewRuntime(session, adapter)));
        logger.LogInformation("Session {Session} created for {Agent} in {Cwd}", session.Id, session.AgentId, session.Cwd);
        clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = session });
        return session;
    }

    public async Task<Session> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (live.TryGetValue(sessionId, out var runtime) && runtime.Value.IsCompletedSuccessfully)
        {
            return runtime.Value.Result.Session;
        }

        return await store.GetAsync(sessionId, cancellationToken) ?? throw new SessionNotFoundException(sessionId);
    }

    public async Task<IReadOnlyList<Session>> ListAsync(string? cwd, SessionStatus? status, CancellationToken cancellationToken)
    {
        var stored = await store.ListAsync(cwd is null ? null : Path.GetFullPath(cwd), null, cancellationToken);
        var current = stored.Select(s => live.TryGetValue(s.Id, out var r) && r.Value.IsCompletedSuccessfully ? r.Value.Result.Session : s);
        return current.Where(s => status is null || s.Status == status).ToList();
    }

    /// <summary>Queues a prompt; completes when its turn ends. Cancelling the request cancels that turn.</summary>
    public async Task<SessionPromptResult> PromptAsync(string sessionId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidParamsException("The prompt is empty.");
        }

        var runtime = await RuntimeAsync(sessionId, cancellationToken);

        // A closed session reloaded from the store has a runtime too (for rename and history): it must not quietly reopen.
        if (runtime.Session.Status == SessionStatus.Closed)
        {
            throw new SessionClosedException(sessionId);
        }

        await NameFromFirstPromptAsync(runtime, text);
        try
        {
            return await runtime.PromptAsync(text, cancellationToken);
        }
        catch (SessionRuntime.RuntimeRetiredException)
        {
            // Arrived while sessions/configure switched the agent: the new runtime takes it.
            return await (await runtime.Successor.WaitAsync(cancellationToken)).PromptAsync(text, cancellationToken);
        }
    }

    /// <summary>
    /// A session that still has its default name ("Claude Code 3") and no transcript yet takes its first prompt's first
    /// line as its name, here rather than in one client, so the CLI, ACP, Rider and the panel all show it; the rename
    /// goes out as the usual sessions/changed. A name the user gave (or a Playbook's, a room's) is never replaced.
    /// </summary>
    private async Task NameFromFirstPromptAsync(SessionRuntime runtime, string text)
    {
        var session = runtime.Session;
        if (session.LastSeq != 0 || catalog.Find(session.AgentId) is not { } definition || !SessionNames.IsDefault(session.Name, definition.Name))
        {
            return;
        }

        if (SessionNames.FromPrompt(text) is { } name)
        {
            await runtime.RenameAsync(name);
        }
    }

    /// <summary>Resends now the prompt of a turn waiting out an outage; nothing when no turn of the session waits.</summary>
    public async Task RetryNowAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (live.TryGetValue(sessionId, out var runtime))
        {
            (await runtime.Value).RetryNow();
            return;
        }

        _ = await store.GetAsync(sessionId, cancellationToken) ?? throw new SessionNotFoundException(sessionId);
    }

    public async Task CancelAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (live.TryGetValue(sessionId, out var runtime))
        {
            await (await runtime.Value).CancelAsync();
            return;
        }

        _ = await store.GetAsync(sessionId, cancellationToken) ?? throw new SessionNotFoundException(sessionId);
    }

    /// <summary>
    /// Closes the session; with <paramref name="removeWorktree"/>, also removes its worktree, refused when dirty; with
    /// <paramref name="deleteBranch"/> as well, then the worktree's branch, kept (BranchNotMerged, after the close) when unmerged.
    /// </summary>
    public async Task<SessionCloseResult> CloseAsync(string sessionId, bool removeWorktree, bool deleteBranch, CancellationToken cancellationToken)
    {
        if (deleteBranch && !removeWorktree)
        {
            throw new InvalidParamsException("deleteBranch deletes the branch of the worktree removeWorktree removes; pass removeWorktree as well.");
        }

        var runtime = await RuntimeAsync(sessionId, cancellationToken);
        var worktree = runtime.Session.Worktree;
        RemovedWorktree? removed = null;
        if (removeWorktree && worktree is not null)
        {
            // Before anything stops: a dirty worktree refuses (WorktreeDirty names the files) and the session stays open.
            await runtime.CancelAsync();
            removed = await worktrees.RemoveWorktreeAsync(worktree, force: false, willDeleteBranch: deleteBranch, cancellationToken);
        }

        await runtime.CloseAsync();
        if (live.TryRemove(sessionId, out _))
        {
            await runtime.DisposeAsync();
        }

        if (removed is null)
        {
            return new SessionCloseResult();
        }

        // After the close: a kept branch is reported, but the session is closed and its worktree gone all the same.
        var deleted = deleteBranch && await worktrees.DeleteBranchAsync(removed, force: false, $"The session was closed and its worktree '{removed.Path}' removed", cancellationToken);
        return new SessionCloseResult { RemovedWorktree = removed.Result(deleted) };
    }

    public async Task<Session> RenameAsync(string sessionId, string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidParamsException("The name is empty.");
        }

        var runtime = await RuntimeAsync(sessionId, cancellationToken);
        await runtime.RenameAsync(name.Trim());
        return runtime.Session;
    }

    /// <summary>
    /// Changes the agent, model or permission mode of the session's next turn; refused while a turn runs or waits. Another
    /// agent gets a new runtime with a fresh conversation (no agent session id), the transcript goes on in the same session.
    /// </summary>
    public async Task<Session> ConfigureAsync(SessionConfigureParams request, CancellationToken cancellationToken)
    {
        var runtime = await RuntimeAsync(request.SessionId, cancellationToken);
        while (runtime.Retired)
        {
            // Another configure is switching the agent: this one applies to what it made.
            runtime = await runtime.Successor.WaitAsync(cancellationToken);
        }

        var current = runtime.Session;
        if (current.Status == SessionStatus.Closed)
        {
            throw new SessionClosedException(request.SessionId);
        }

        var model = request.Model is null ? null : (request.Model.Trim() is { Length: > 0 } named ? named : null);
        if (request.AgentId is null || request.AgentId == current.AgentId)
        {
            if (runtime.Busy)
            {
                throw new TurnRunningException(request.SessionId);
            }

            SetMcpServers(request);
            var moved = await NewWorktreeAsync(current, request.Worktree, cancellationToken);
            await runtime.ReconfigureAsync(s => Moved(s, moved) with
            {
                Model = request.Model is null ? s.Model : model,
                PermissionMode = request.PermissionMode ?? s.PermissionMode,
            });
            return runtime.Session;
        }

        var definition = catalog.Find(request.AgentId)
            ?? throw new AgentUnavailableException($"There is no agent '{request.AgentId}'. 'agents/list' shows the known agents.");
        var adapter = adapters.Create(definition.Id); // fails early, naming what is missing, before the old runtime goes
        if (!runtime.TryRetire())
        {
            if (adapter is IAsyncDisposable unused)
            {
                await unused.DisposeAsync();
            }

            throw new TurnRunningException(request.SessionId);
        }

        SessionRuntime next;
        try
        {
            await runtime.DisposeAsync(); // stores what the old pump still holds
            SetMcpServers(request);
            var moved = await NewWorktreeAsync(current, request.Worktree, cancellationToken);
            var switched = Moved(runtime.Session, moved) with
            {
                AgentId = definition.Id,
                AgentSessionId = null,
                Model = model,
                PermissionMode = request.PermissionMode ?? current.PermissionMode,
            };
            next = NewRuntime(switched, adapter);
            live[request.SessionId] = new Lazy<Task<SessionRuntime>>(Task.FromResult(next));
            await next.ReconfigureAsync(s => s); // stores the row and tells every client (sessions/changed)
        }
        catch (Exception ex)
        {
            // The next use loads the session again from the store, as after a restart.
            live.TryRemove(request.SessionId, out _);
            runtime.HandOverFailed(ex);
            throw;
        }

        runtime.HandOver(next);
        logger.LogInformation("Session {Session} switched from {Old} to {Agent}", request.SessionId, current.AgentId, definition.Id);
        return next.Session;
    }

    private void SetMcpServers(SessionConfigureParams request)
    {
        if (request.McpServers is { } servers)
        {
            mcpServers[request.SessionId] = McpServerCheck.Checked(servers);
        }
    }

    /// <summary>The fresh worktree sessions/configure asked for, branched from the HEAD of the folder the session works in.</summary>
    private async Task<Protocol.Worktree?> NewWorktreeAsync(Session session, WorktreeRequest? request, CancellationToken cancellationToken)
        => request is null ? null : await worktrees.CreateAsync(session.Worktree ?? session.Cwd, request.Branch, request.Base, null, cancellationToken);

    /// <summary>
    /// The session in its new worktree: agents keep a conversation per folder (Claude Code cannot resume one elsewhere),
    /// so the next turn starts a fresh one there; the transcript goes on in the same session.
    /// </summary>
    private static Session Moved(Session session, Protocol.Worktree? worktree)
        => worktree is null ? session : session with { Worktree = worktree.Path, Branch = worktree.Branch, AgentSessionId = null };

    public async Task<Session> ArchiveAsync(string sessionId, bool archived, CancellationToken cancellationToken)
    {
        var runtime = await RuntimeAsync(sessionId, cancellationToken);
        await runtime.SetArchivedAsync(archived);
        return runtime.Session;
    }

    /// <summary>
    /// Deletes a closed session (with <paramref name="force"/>, closes it first) and its transcript. What its turns cost
    /// stays in the stats; its hunks stop being offered as agent changes, the files stay as they are.
    /// </summary>
    public async Task DeleteAsync(string sessionId, bool force, CancellationToken cancellationToken)
    {
        var session = await GetAsync(sessionId, cancellationToken);
        if (await ClaimedElsewhereAsync(sessionId, cancellationToken))
        {
            throw new MaestroException(ErrorCodes.Busy, ErrorKinds.Busy, $"Session '{sessionId}' is being worked by another Maestro process (a 'maestro run' in a terminal or CI); stop that first.");
        }

        if (session.Status != SessionStatus.Closed)
        {
            if (!force)
            {
                throw new SessionOpenException(sessionId, session.Status);
            }

            await CloseAsync(sessionId, removeWorktree: false, deleteBranch: false, cancellationToken);
        }

        if (live.TryRemove(sessionId, out var runtime))
        {
            await (await runtime.Value).DisposeAsync();
        }

        await store.DeleteAsync(sessionId, cancellationToken);
        mcpServers.TryRemove(sessionId, out _);
        await turnObserver.SessionDeletedAsync(sessionId, cancellationToken);
        logger.LogInformation("Session {Session} deleted", sessionId);
        clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = session with { Status = SessionStatus.Closed }, Deleted = true });
    }

    public async Task<SessionHistoryResult> HistoryAsync(string sessionId, long? afterSeq, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxHistoryLimit)
        {
            throw new InvalidParamsException($"limit must be between 1 and {MaxHistoryLimit}.");
        }

        if (!live.ContainsKey(sessionId) && await store.GetAsync(sessionId, cancellationToken) is null)
        {
            throw new SessionNotFoundException(sessionId);
        }

        return await store.HistoryAsync(sessionId, Math.Max(0, afterSeq ?? 0), limit ?? DefaultHistoryLimit, cancellationToken);
    }

    /// <summary>Conversations the agents keep on disk, newest first; those already imported are left out.</summary>
    public async Task<IReadOnlyList<DiscoveredSession>> DiscoverAsync(string? cwd, CancellationToken cancellationToken)
    {
        var folder = cwd is null ? null : Path.GetFullPath(cwd);
        var imported = (await store.ListAsync(null, null, cancellationToken)).Select(s => (s.AgentId, s.AgentSessionId)).ToHashSet();
        var found = await Task.WhenAll(sources.Select(s => s.DiscoverAsync(folder, cancellationToken)));
        return found.SelectMany(f => f)
            .Where(d => !imported.Contains((d.AgentId, d.AgentSessionId)))
            .OrderByDescending(d => d.UpdatedAt)
            .ToList();
    }

    /// <summary>Makes an agent's on-disk conversation a Maestro session with its past transcript; prompts resume it.</summary>
    public async Task<Session> ImportAsync(string agentId, string agentSessionId, CancellationToken cancellationToken)
    {
        var existing = (await store.ListAsync(null, null, cancellationToken)).FirstOrDefault(s => s.AgentId == agentId && s.AgentSessionId == agentSessionId);
        if (existing is not null)
        {
            return existing;
        }

        var source = sources.FirstOrDefault(s => s.AgentId == agentId)
            ?? throw new InvalidParamsException($"Maestro cannot import {agentId} sessions; it reads Claude Code, Codex and OpenCode sessions.");
        var transcript = await source.LoadAsync(agentSessionId, cancellationToken)
            ?? throw new SessionNotFoundException(agentSessionId);
        if (!Directory.Exists(transcript.Found.Cwd))
        {
            throw new InvalidParamsException($"The session worked in {transcript.Found.Cwd}, which no longer exists.");
        }

        var adapter = adapters.Create(agentId);
        var now = DateTimeOffset.UtcNow;
        var session = new Session
        {
            Id = "s_" + Guid.NewGuid().ToString("N")[..12],
            Name = transcript.Found.Title,
            AgentId = agentId,
            Cwd = transcript.Found.Cwd,
            Status = SessionStatus.Idle,
            AgentSessionId = agentSessionId,
            PermissionMode = PermissionMode.AcceptEdits,
            CreatedAt = now,
            UpdatedAt = now,
            Usage = Usage.Zero,
        };
        await store.InsertAsync(session, cancellationToken);
        var runtime = NewRuntime(session, adapter);
        live[session.Id] = new Lazy<Task<SessionRuntime>>(Task.FromResult(runtime));
        foreach (var e in transcript.Events)
        {
            await runtime.EmitAsync(e, CancellationToken.None);
        }

        await runtime.FlushAsync();
        logger.LogInformation("Imported {Agent} session {AgentSession} as {Session} with {Count} events", agentId, agentSessionId, session.Id, transcript.Events.Count);
        return runtime.Session;
    }

    /// <summary>
    /// First stops the agents a killed Maestro left running, then marks the turns that were running failed, with an
    /// event saying what was really found. Sessions another live process works (a <c>maestro run</c>) are left alone.
    /// </summary>
    public async Task RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var survivors = await processes.ReapSurvivorsAsync(cancellationToken);
        var running = (await store.ListAsync(null, SessionStatus.Running, cancellationToken))
            .Concat(await store.ListAsync(null, SessionStatus.Waiting, cancellationToken))
            .Concat(await store.ListAsync(null, SessionStatus.Retrying, cancellationToken));
        foreach (var session in running)
        {
            if (session.UpdatedAt >= startedAt || live.ContainsKey(session.Id))
            {
                continue;
            }

            if (survivors.ClaimedElsewhere.Contains(session.Id) || await ClaimedElsewhereAsync(session.Id, cancellationToken))
            {
                logger.LogInformation("Session {Session} is worked by another live Maestro process; recovery leaves it alone", session.Id);
                continue;
            }

            var runtime = await RuntimeAsync(session.Id, cancellationToken);
            var found = survivors.Reaped.TryGetValue(session.Id, out var agent) ? agent.Describe() : "the agent had already exited";
            await runtime.EmitAsync(new ErrorEvent { Message = $"Maestro stopped while this turn was running; {found}. Send the prompt again to go on." }, cancellationToken);
            await runtime.EmitAsync(new StatusEvent { Status = SessionStatus.Failed, StopReason = StopReason.Error }, cancellationToken);
            await runtime.FlushAsync();
            logger.LogWarning("Session {Session} was interrupted by a restart", session.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in live.Values)
        {
            if (runtime.IsValueCreated)
            {
                await (await runtime.Value).StopAsync("Maestro stopped while this turn was running (the daemon was asked to stop, or the machine shut down); the agent was stopped with it. Send the prompt again to go on.");
            }
        }

        live.Clear();
    }

    private async Task<bool> ClaimedElsewhereAsync(string sessionId, CancellationToken cancellationToken)
    {
        foreach (var claim in claims)
        {
            if (await claim.IsClaimedElsewhereAsync(sessionId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<SessionRuntime> RuntimeAsync(string sessionId, CancellationToken cancellationToken)
    {
        var lazy = live.GetOrAdd(sessionId, id => new Lazy<Task<SessionRuntime>>(() => LoadRuntimeAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            live.TryRemove(new KeyValuePair<string, Lazy<Task<SessionRuntime>>>(sessionId, lazy));
            throw;
        }
    }

    private async Task<SessionRuntime> LoadRuntimeAsync(string sessionId)
    {
        var session = await store.GetAsync(sessionId, CancellationToken.None) ?? throw new SessionNotFoundException(sessionId);

        // Number on from what the database holds, not from the row's cached last_seq.
        session = session with { LastSeq = Math.Max(session.LastSeq, await store.MaxSeqAsync(sessionId, CancellationToken.None)) };
        if (session.Status is SessionStatus.Running or SessionStatus.Waiting or SessionStatus.Retrying)
        {
            session = session with { Status = SessionStatus.Failed };
        }

        return NewRuntime(session, adapters.Create(session.AgentId));
    }

    private SessionRuntime NewRuntime(Session session, IAgentAdapter adapter)
    {
        var pump = new SessionEventPump(session, store, clients, loggerFactory.CreateLogger<SessionEventPump>(), n => EventAppended?.Invoke(this, new SessionEventAppendedEventArgs(n)));
        var policy = retryPolicies.For(session.AgentId);
        var backup = policy.Settings.Failover is { Configured: true } failover
            ? new FailoverBackup(failover.Model, failover.Env is { Count: > 0 } env ? () => adapters.Create(session.AgentId, env) : null)
            : null;
        var id = session.Id;
        return new SessionRuntime(adapter, pump, adapters.RedactorFor(session.AgentId), loggerFactory.CreateLogger<SessionRuntime>(), turnObserver, policy, time, backup)
        {
            McpServers = () => mcpServers.GetValueOrDefault(id, []),
        };
    }
}
