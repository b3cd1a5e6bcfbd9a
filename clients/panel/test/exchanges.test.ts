// @vitest-environment happy-dom
// The TypeScript half of the shared recorded exchanges (tests/exchanges, also read by the C# and Kotlin suites):
// every method is a name of `Methods`, and every notification and result the panel consumes goes through its store
// and renderers without error and renders something.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type {
  ReviewAcceptResult, ReviewChangedNotification, ReviewChangesParams, ReviewChangesResult, ReviewRejectResult, ReviewUndoResult,
  AgentsListResult, InitializeResult, MethodName, PermissionRequestParams, PermissionResponse, Run, RunProgressNotification, RunsListResult, RunTasksResult, Session,
  SessionEventNotification, SessionEventsNotification, SessionHistoryResult, SessionListResult, SessionPromptResult, PlaybooksListResult, SessionDiscoverResult,
} from '../../protocol/protocol';
import { ErrorCodes, ErrorKinds, Methods, MethodShapes, SessionEventTypes } from '../../protocol/protocol';
import { RpcError } from '../src/bridge/rpcError';
import type { Actions } from '../src/state/actions';
import { RunsView } from '../src/views/runsView';
import { runTitle } from '../src/state/runText';
import { renderRunPage } from '../src/views/runs/runPage';
import { renderStartRunForm } from '../src/views/runs/startRunForm';
import { renderDiscover } from '../src/views/sessions/discoverView';
import { ReviewView } from '../src/views/reviewView';
import { Store } from '../src/state/store';
import { renderRow } from '../src/views/transcript/rowRenderer';
import { renderPermissionCard } from '../src/views/transcript/permissionCard';
import { renderNewSessionForm } from '../src/views/sessions/newSessionForm';
import { SessionsList } from '../src/views/sessions/sessionsList';
import { noFilter } from '../src/state/sessionGroups';
import { panelRoot } from './host/staticServer';

interface Exchange {
  method: string;
  request?: unknown;
  response?: unknown;
  notification?: unknown;
  error?: { code: number; message: string; data?: { kind: string; feature?: string } };
}

/**
 * Methods the panel never sends nor receives: the host (git, staging, worktrees, lifecycle), the CLI (daemon, playbooks
 * are started from the editor) or nobody yet (chat/*: the Chat tab of issue 15 is not built; the CLI's `maestro chat` is their
 * client so far; stats/*: the Stats view has not landed). Their files are checked against MethodShapes only.
 */
const notForThePanel = new Set<string>([
  Methods.Shutdown, Methods.Exit, Methods.CancelRequest,
  Methods.GitStatus, Methods.GitLog, Methods.GitBranches, Methods.WorktreesList, Methods.WorktreesCreate, Methods.WorktreesRemove,
  Methods.WorktreesPrune, Methods.WorktreesMerge, Methods.ReviewStage, Methods.ChatCreate, Methods.ChatPost, Methods.ChatHistory,
  Methods.ChatMessage, Methods.ChatList, Methods.ChatGet, Methods.ChatCancel, Methods.ChatClose, Methods.ChatAddParticipant,
  Methods.ChatRemoveParticipant, Methods.ChatChanged, Methods.RemoteStart, Methods.RemoteStop, Methods.RemoteStatus, Methods.DaemonStatus, Methods.DaemonStop,
  // The CLI reads stats/*; the panel's Stats view (and its budget warnings) has not landed yet.
  Methods.StatsGet, Methods.StatsLeaderboard, Methods.StatsExport, Methods.StatsBudgetWarning, Methods.StatsOutages,
  // hosts/*: the CLI's `maestro hosts` is their client; the panel's host grouping comes with proxying (issue 24).
  Methods.HostsAdd, Methods.HostsList, Methods.HostsRemove, Methods.HostsTest, Methods.HostsInstall,
  // sessions/configure: `maestro acp` (the editor's agent picker, `/agent`) is its client; the panel shows the result
  // through sessions/changed.
  Methods.SessionsConfigure,
  // A session's agent output: the host's Output (VS Code's per-session channel, clients/vscode/test/unit/sessionOutput)
  // reads and follows it; the panel only asks the host to show it.
  Methods.SessionsOutput, Methods.SessionsOutputAppended,
  // A host's file: the editor reads it (VS Code's maestro-host: documents, clients/vscode/test/unit/hostFiles; Rider's
  // HostFiles); the panel only asks the host to open it (host/openHostFile).
  Methods.FilesRead,
]);

const folder = join(panelRoot, '..', '..', 'tests', 'exchanges');
const exchanges = readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((file) => ({ file, ...(JSON.parse(readFileSync(join(folder, file), 'utf8')) as Exchange) }));
const methodNames = new Set<string>(Object.values(Methods));
const rowContext = { canOpenDiff: true, openDiff: () => undefined, isExpanded: () => true, setExpanded: () => undefined };

/** Feeds events to a fresh store and renders every resulting row; returns the rendered elements. */
function renderEvents(events: SessionEventNotification[]): HTMLElement[] {
  const store = new Store();
  const transcript = store.transcriptOf(events[0]!.sessionId);
  // A single recorded event has the seq it had in its run: start the transcript just before it.
  transcript.lastSeq = events[0]!.seq - 1;
  store.applyNotification(Methods.SessionsEvents, { sessionId: events[0]!.sessionId, events });
  expect(transcript.lastSeq).toBe(events.at(-1)!.seq);
  return transcript.rows.map((row) => renderRow(row, rowContext));
}

function expectRendersSession(session: Session): void {
  const store = new Store();
  store.applyNotification(Methods.SessionsChanged, { session });
  const list = new SessionsList({ open: () => undefined, archive: () => undefined, remove: () => undefined });
  // Archived sessions show when the filter asks for them.
  list.render(store.sessionList(), [], { ...noFilter, showArchived: true });
  const item = list.element.querySelector('[role="option"]');
  expect(item?.textContent).toContain(session.name);
  expect(item?.textContent).toContain(session.agentId);
}

/** Renders the runs view over the store; each run is one item naming its playbook and status, with Stop while it runs. */
function expectRendersRuns(store: Store, runs: Run[]): HTMLElement[] {
  const stopped: string[] = [];
  const view = new RunsView(store, { stopRun: (id: string) => { stopped.push(id); return Promise.resolve(); } } as unknown as Actions, () => undefined);
  view.render();
  const items = runs.map((run) => view.element.querySelector<HTMLElement>(`[data-run-id="${run.id}"]`)!);
  // A run waiting for the provider is still in progress: it can be stopped, and it says what it waits for.
  const inProgress = (r: Run): boolean => r.status === 'running' || r.status === 'waiting';
  runs.forEach((run, i) => {
    const item = items[i]!;
    expect(item).not.toBeNull();
    expect(item.textContent).toContain(runTitle(run));
    // A run at a HITL gate says it needs the user, with what it is asked; otherwise its status.
    expect(item.textContent).toContain(run.gate ? 'needs approval' : run.status);
    if (run.gate) expect(item.querySelector('.run-gate')?.textContent).toContain(`Needs your approval: ${run.gate.reason}`);
    expect(item.querySelector('progress')!.getAttribute('aria-label')).toBe(`${run.done} of ${run.total} tasks done`);
    if (run.waiting) expect(item.querySelector('.run-wait')?.textContent).toMatch(/^Waiting for /);
    const stop = [...item.querySelectorAll('button')].find((b) => b.textContent === 'Stop');
    expect(stop !== undefined).toBe(inProgress(run));
    stop?.click();
  });
  expect(stopped).toEqual(runs.filter(inProgress).map((r) => r.id));
  return items;
}

test('every method of Methods has a recorded exchange', () => {
  const recorded = new Set(exchanges.map((e) => e.method));
  expect(Object.values(Methods).filter((m) => !recorded.has(m))).toEqual([]);
});

test('the exchanges folder is there', () => {
  expect(exchanges.length).toBeGreaterThan(10);
});

describe.each(exchanges)('$file', (exchange) => {
  test('names a method of Methods', () => {
    expect(methodNames.has(exchange.method)).toBe(true);
  });

  test('has the members its MethodShapes entry says', () => {
    const shape = MethodShapes[exchange.method as MethodName];
    expect(shape).toBeDefined();
    const members = Object.keys(exchange).filter((k) => k !== 'file' && k !== 'method').sort();
    if (shape.kind === 'notification' || shape.kind === 'serverNotification') {
      expect(members).toEqual(['notification']);
      expect(exchange.notification === null).toBe(shape.params === null);
      return;
    }
    // A request (either way) is answered by exactly one of a result and an error.
    expect(members.filter((m) => m === 'response' || m === 'error')).toHaveLength(1);
    expect(members).not.toContain('notification');
    expect('request' in exchange).toBe(shape.params !== null);
    if ('response' in exchange && shape.result === null) expect(exchange.response).toBeNull();
    if ('response' in exchange && shape.result !== null) expect(typeof exchange.response).toBe('object');
  });

  test('is consumed by the panel and renders', () => {
    if (exchange.error) {
      // Every recorded error is a documented one: a known code and kind, and what the panel shows is the server's message.
      expect(Object.values(ErrorCodes)).toContain(exchange.error.code);
      expect(Object.values(ErrorKinds)).toContain(exchange.error.data!.kind);
      const error = new RpcError(exchange.error);
      expect(error.message).toBe(exchange.error.message);
      expect(error.isNotAvailable).toBe(exchange.error.code === ErrorCodes.MethodNotFound);
      if (exchange.error.data!.kind === ErrorKinds.FeatureNotLanded) expect(exchange.error.data!.feature).toBeTruthy();
      return;
    }
    if (notForThePanel.has(exchange.method)) return;
    switch (exchange.method) {
      case Methods.SessionsEvent: {
        const notification = exchange.notification as SessionEventNotification;
        expect(SessionEventTypes).toContain(notification.event.type);
        const [row] = renderEvents([notification]);
        expect(row!.textContent!.trim().length).toBeGreaterThan(0);
        expect(row!.textContent).not.toContain('Unknown event type');
        break;
      }
      case Methods.SessionsChanged: {
        const changed = exchange.notification as { session: Session; deleted?: boolean };
        if (!changed.deleted) {
          expectRendersSession(changed.session);
          break;
        }
        // A deletion: the session leaves the store and the list.
        const store = new Store();
        store.upsertSession(changed.session);
        store.applyNotification(Methods.SessionsChanged, changed);
        expect(store.sessions.has(changed.session.id)).toBe(false);
        break;
      }
      case Methods.SessionsCreate:
      case Methods.SessionsGet:
      case Methods.SessionsRename:
      case Methods.SessionsArchive:
        expectRendersSession(exchange.response as Session);
        break;
      case Methods.SessionsList: {
        const { sessions } = exchange.response as SessionListResult;
        expect(sessions.length).toBeGreaterThan(0);
        const store = new Store();
        store.setSessions(sessions);
        const list = new SessionsList({ open: () => undefined, archive: () => undefined, remove: () => undefined });
        list.render(store.sessionList());
        expect(list.element.querySelectorAll('[role="option"]')).toHaveLength(sessions.length);
        break;
      }
      case Methods.SessionsEvents: {
        const { events } = exchange.notification as SessionEventsNotification;
        const rows = renderEvents(events);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.textContent).not.toContain('Unknown event type');
        break;
      }
      case Methods.AgentsList: {
        const { agents } = exchange.response as AgentsListResult;
        const form = renderNewSessionForm(agents, undefined, () => undefined, () => undefined);
        // Unavailable agents are listed too, disabled: only the enabled ones can be chosen.
        const offered = [...form.querySelectorAll<HTMLOptionElement>('select[name="agent"] option:not([disabled])')].map((o) => o.value);
        expect(offered).toEqual(agents.filter((a) => a.available).map((a) => a.id));
        break;
      }
      case Methods.RunsProgress: {
        const progress = exchange.notification as RunProgressNotification;
        const store = new Store();
        store.applyNotification(Methods.RunsProgress, progress);
        const item = expectRendersRuns(store, [progress.run])[0]!;
        if (progress.run.status === 'running' && progress.run.currentTask) expect(item.textContent).toContain(`Now: ${progress.run.currentTask.text}`);
        if (progress.message) expect(item.textContent).toContain(progress.message);
        break;
      }
      case Methods.RunsList: {
        const { runs } = exchange.response as RunsListResult;
        expect(runs.length).toBeGreaterThan(0);
        const store = new Store();
        store.setRuns(runs);
        expectRendersRuns(store, runs);
        break;
      }
      case Methods.PlaybooksList: {
        // The start-a-run screen lists every playbook with its progress, and preselects a playbook's own permission mode.
        const { playbooks } = exchange.response as PlaybooksListResult;
        const form = renderStartRunForm({ state: 'ready', playbooks, problems: [] }, [], undefined, undefined, { start: () => undefined, cancel: () => undefined, reload: () => undefined });
        expect([...form.querySelectorAll<HTMLOptionElement>('select[name="playbook"] option')].map((o) => o.value)).toEqual(playbooks.map((p) => p.path));
        const withMode = playbooks.find((p) => p.defaults?.permissionMode);
        if (withMode) {
          form.querySelector<HTMLSelectElement>('select[name="playbook"]')!.value = withMode.path;
          form.querySelector<HTMLSelectElement>('select[name="playbook"]')!.dispatchEvent(new Event('change'));
          expect(form.querySelector<HTMLInputElement>(`input[type="radio"][value="${withMode.defaults!.permissionMode}"]`)!.checked).toBe(true);
        }
        break;
      }
      case Methods.SessionsDiscover: {
        const { found } = exchange.response as SessionDiscoverResult;
        const view = renderDiscover({ state: 'ready', found, imported: new Map() }, {} as Actions, { back: () => undefined, openSession: () => undefined });
        expect([...view.querySelectorAll('.discover-item .session-name')].map((e) => e.textContent)).toEqual(found.map((f) => f.title || f.agentSessionId));
        break;
      }
      case Methods.SessionsImport:
        expectRendersSession(exchange.response as Session);
        break;
      case Methods.PlaybooksRun:
      case Methods.RunsGet:
      case Methods.RunsApprove: {
        // The panel shows a run the way runs/list and runs/progress deliver it: the same Run record (runs/approve
        // answers the run once it went past its gate; the panel's Approve button is a later slice of issue 18).
        const store = new Store();
        store.setRuns([exchange.response as Run]);
        expectRendersRuns(store, [exchange.response as Run]);
        break;
      }
      case Methods.RunsTasks: {
        // The run's page lists every task as runs/tasks answers it: its state, and a button to the last attempt's session.
        const result = exchange.response as RunTasksResult;
        const store = new Store();
        const run: Run = { id: result.runId, playbook: '/p/release', agentId: 'claude-code', status: 'waiting', total: result.tasks.length, done: 1, failed: 0, loop: 1, loops: 1, tasksRun: 1, sessionIds: [], startedAt: '2026-01-01T00:00:00Z', usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0 } };
        store.setRuns([run]);
        store.setRunTasks(run.id, result.tasks);
        const page = renderRunPage(run, store, {} as Actions, { back: () => undefined, openSession: () => undefined });
        const rows = [...page.querySelectorAll<HTMLElement>('.run-tasks li')];
        expect(rows.map((r) => r.dataset.state)).toEqual(result.tasks.map((t) => t.state));
        expect(rows.map((r) => r.querySelector('.run-task-open, .run-task-text')?.textContent)).toEqual(result.tasks.map((t) => t.text));
        expect(rows.map((r) => r.querySelector('.run-task-open') !== null)).toEqual(result.tasks.map((t) => t.attempts.some((a) => a.sessionId)));
        break;
      }
      case Methods.SessionsHistory: {
        const page = exchange.response as SessionHistoryResult;
        const rows = renderEvents(page.events);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row.textContent!.trim().length).toBeGreaterThan(0);
        break;
      }
      case Methods.SessionsPrompt: {
        const result = exchange.response as SessionPromptResult;
        // The panel never waits on this answer; it only needs it to be an object it can ignore.
        expect(typeof result.turnId).toBe('string');
        expect(['endTurn', 'cancelled', 'error', 'maxTurns']).toContain(result.stopReason);
        break;
      }
      case Methods.PermissionsRequest: {
        const params = exchange.request as PermissionRequestParams;
        const store = new Store();
        store.addPermission(1, params);
        const chosen: string[] = [];
        const card = renderPermissionCard(store.permissionsFor(params.sessionId)[0]!, (id) => chosen.push(id));
        const buttons = [...card.querySelectorAll('button')];
        // Every option is offered, the one-time Allow first and primary (issue 22).
        expect(buttons.map((b) => b.textContent).sort()).toEqual(params.options.map((o) => o.label).sort());
        const once = params.options.find((o) => o.kind === 'allowOnce');
        if (once) expect(buttons[0]!.textContent === once.label && buttons[0]!.classList.contains('primary')).toBe(true);
        const answer = exchange.response as PermissionResponse;
        const label = params.options.find((o) => o.id === answer.optionId)!.label;
        buttons.find((b) => b.textContent === label)!.click();
        expect(chosen).toEqual([answer.optionId]);
        break;
      }
      case Methods.Initialize: {
        // The host initializes; the panel shows the agents in its new-session form.
        const result = exchange.response as InitializeResult;
        const form = renderNewSessionForm(result.agents, undefined, () => undefined, () => undefined);
        // Unavailable agents are listed too, disabled: only the enabled ones can be chosen.
        const offered = [...form.querySelectorAll<HTMLOptionElement>('select[name="agent"] option:not([disabled])')].map((o) => o.value);
        expect(offered).toEqual(result.agents.filter((a) => a.available).map((a) => a.id));
        break;
      }
      case Methods.ReviewChanges: {
        // The Review tab reads the agents' hunks (never the index review, which is the host's Stage hunk).
        if ((exchange.request as ReviewChangesParams).baseline === 'index') break;
        const result = exchange.response as ReviewChangesResult;
        const store = new Store();
        store.review.setFolder((exchange.request as ReviewChangesParams).cwd, result);
        const view = new ReviewView(store, {} as unknown as Actions);
        view.render();
        const names = [...view.element.querySelectorAll('.review-session .session-name')].map((e) => e.textContent);
        expect(names).toEqual([...new Set(result.files.map((f) => f.sessionName))]);
        for (const file of result.files) expect(view.element.textContent).toContain(file.path);
        expect(view.element.querySelectorAll('.review-hunk').length).toBe(result.files.filter((f) => f.status === 'modified' && !f.binary).reduce((n, f) => n + f.hunks.length, 0));
        // What became of each decided file, whichever client decided, is what the transcript's file-change rows say.
        for (const d of result.decided ?? []) {
          const pending = result.files.some((f) => f.sessionId === d.sessionId && f.path === d.path);
          expect(store.review.outcome(d.sessionId, `${(exchange.request as ReviewChangesParams).cwd}/${d.path}`)).toBe(pending ? 'pending' : d.outcome);
        }
        break;
      }
      case Methods.ReviewAccept:
        expect(typeof (exchange.response as ReviewAcceptResult).decisionId).toBe('string');
        break;
      case Methods.ReviewReject:
        expect(typeof (exchange.response as ReviewRejectResult).decisionId).toBe('string');
        break;
      case Methods.ReviewUndo:
        expect((exchange.response as ReviewUndoResult).restored).toBeGreaterThan(0);
        break;
      case Methods.ReviewChanged:
        // Only a trigger for the panel: read the review of that folder again.
        expect(typeof (exchange.notification as ReviewChangedNotification).cwd).toBe('string');
        break;
      case Methods.RemoteAuthenticate:
        // Sent by the remote host (src/bridge/remoteTransport.ts) before initialize; it reads only readOnly.
        expect(typeof (exchange.response as { readOnly: unknown }).readOnly).toBe('boolean');
        break;
      case Methods.SessionsClose:
        // The panel closes without removeWorktree and reads nothing of the answer; with it, what was removed.
        expect(exchange.response).toBeTypeOf('object');
        expect(exchange.response).not.toBeNull();
        expect(['undefined', 'boolean']).toContain(typeof (exchange.response as { removedWorktree?: { branchDeleted: unknown } }).removedWorktree?.branchDeleted);
        break;
      case Methods.SessionsCancel:
      case Methods.SessionsRetryNow:
      case Methods.SessionsDelete:
      case Methods.RunsStop:
        expect(exchange.response ?? null).toBeNull();
        break;
      default:
        throw new Error(`no check for ${exchange.method}: add one here`);
    }
  });
});

test('every event type found in the exchanges is a known one, and each renders as its own row kind', () => {
  const types = new Set<string>();
  for (const exchange of exchanges) {
    if (exchange.method === Methods.SessionsEvent) types.add((exchange.notification as SessionEventNotification).event.type);
    if (exchange.method === Methods.SessionsHistory) for (const e of (exchange.response as SessionHistoryResult).events) types.add(e.event.type);
  }
  expect([...types].filter((t) => !(SessionEventTypes as readonly string[]).includes(t))).toEqual([]);
  expect([...types].sort()).toEqual([...SessionEventTypes].sort());
});
