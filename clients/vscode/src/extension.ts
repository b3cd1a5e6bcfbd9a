import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PanelBridge } from './bridge/panelBridge';
import { runPlaybook, stopRun } from './commands/playbookCommands';
import { startRemote, stopRemote } from './commands/remoteCommands';
import { cancelSession, closeSession, openTranscript, promptSession, type SessionCommandContext } from './commands/sessionCommands';
import { createHostActions } from './hostActions';
import { HostFileDocuments, hostBaselineScheme, hostFileScheme } from './hosts/hostFileDocuments';
import { SessionOutputChannels } from './output/sessionOutputChannels';
import { panelViewId, PanelViewProvider } from './panel/panelViewProvider';
import { PermissionBroker } from './permissions/permissionBroker';
import { askWithNotification } from './permissions/permissionNotification';
import { deleteWorktree, mergeWorktree, openWorktreeInNewWindow } from './commands/worktreeCommands';
import { machineSettings, MisplacedSettingsWarning } from './server/misplacedSettings';
import { LiveNotices } from './status/liveNotices';
import { NoticePolicy } from './status/noticePolicy';
import { TurnNotices } from './status/turnNotices';
import { BaselineDocumentProvider, baselineScheme } from './review/baselineDocumentProvider';
import { ReviewCodeLensProvider } from './review/reviewCodeLens';
import { ReviewController } from './review/reviewController';
import { ReviewDecorations } from './review/reviewDecorations';
import { ReviewEdits } from './review/reviewEdits';
import { ReviewStore } from './review/reviewStore';
import { installAgent, openWalkthrough } from './commands/firstRunCommands';
import { locateServer } from './server/binaryLocator';
import { ensureServer } from './server/ensureServer';
import { MaestroServer } from './server/maestroServer';
import { restartWithFeedback } from './server/restartFeedback';
import type { Log } from './server/serverLog';
import { ServerNotices } from './server/serverNotices';
import { readSettings, restartSettings } from './settings';
import { StartupTiming } from './startupTiming';
import { ActivityTracker } from './status/activityTracker';
import { BudgetWarnings } from './status/budgetWarnings';
import { RunEndNotices } from './status/runEndNotices';
import { RunGateNotices } from './status/runGateNotices';
import { CostStatusBar } from './status/costStatusBar';
import { StatusBar } from './status/statusBar';

let server: MaestroServer | undefined;

/** What activate() returns: read by the extension-host integration tests, not meant for other extensions. */
export interface MaestroApi {
  server: MaestroServer;
  reviewStore: ReviewStore;
  tracker: ActivityTracker;
}

export function activate(context: vscode.ExtensionContext): MaestroApi {
  // A log channel: each line at its level, timings at trace (hidden unless the user sets the channel to Trace).
  const output = vscode.window.createOutputChannel('Maestro', { log: true });
  const log: Log = (line, level = 'info') => output[level](line);
  const timing = new StartupTiming((line) => output.trace(line));
  const disposables = context.subscriptions;
  disposables.push(output);

  server = new MaestroServer({
    locate: () =>
      locateServer({
        configuredPath: readSettings().serverPath,
        extensionPath: context.extensionPath,
        pathEnv: process.env.PATH,
        platform: process.platform,
        arch: process.arch,
        isExecutable,
      }),
    env: () => ({ ...process.env, ...readSettings().env }),
    workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
    clientVersion: String(context.extension.packageJSON.version ?? '0.0.0'),
    log,
  });
  const maestro = server;

  const tracker = new ActivityTracker(maestro);
  // Late-bound: the view and the bridge need the broker, the broker's toast needs the view (its visibility).
  let panelView: PanelViewProvider | undefined;
  let showSessionLater: (sessionId: string) => unknown = () => undefined;
  // When toasts are raised, in one place: only for what happened while the view was hidden.
  const notices = new NoticePolicy(() => panelView?.isVisible ?? false);
  // Toasts that close when their state clears (a permission settled, the server back).
  const liveNotices = new LiveNotices();
  disposables.push(liveNotices);
  const permissions = new PermissionBroker(
    askWithNotification({
      policy: notices,
      notices: liveNotices,
      sessionName: (id) => tracker.sessions.get(id)?.name,
      viewVisible: () => panelView?.isVisible ?? false,
      onDidChangeViewVisibility: (listener) => panelView?.onDidChangeVisibility(listener) ?? { dispose() {} },
      showSession: (id) => showSessionLater(id),
    }),
  );
  maestro.setRequestHandler((method, params, signal) => permissions.handle(method, params, signal));

  const reviewStore = new ReviewStore(maestro, (p) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  });
  const baselineDocuments = new BaselineDocumentProvider(reviewStore, async (uri) => (await vscode.workspace.openTextDocument(uri)).getText());
  const reviewEdits = new ReviewEdits(async (root, decisionId) => (await reviewStore.undo(root, decisionId)).contents ?? []);
  const review = new ReviewController(reviewStore, reviewEdits);
  // A session's Output: its agent's stderr in a channel of its own; the "Maestro" channel stays the extension's log.
  const sessionOutputs = new SessionOutputChannels(maestro, (id) => tracker.sessions.get(id)?.name);
  disposables.push(sessionOutputs);
  // A host's files (SSH hosts): read from there, shown read-only.
  const hostFiles = new HostFileDocuments(maestro);
  disposables.push(
    hostFiles,
    vscode.workspace.registerTextDocumentContentProvider(hostFileScheme, hostFiles),
    vscode.workspace.registerTextDocumentContentProvider(hostBaselineScheme, hostFiles),
  );
  const actions = createHostActions(review, (sessionId) => (sessionId ? sessionOutputs.show(sessionId) : output.show(true)), hostFiles);
  const bridge = new PanelBridge(
    maestro,
    actions,
    () => {
      const settings = readSettings();
      return {
        host: 'vscode',
        workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
        settings: { defaultAgent: settings.defaultAgent, defaultPermissionMode: settings.defaultPermissionMode, sendWith: settings.sendWith, worktreeFolder: settings.worktreeFolder },
      };
    },
    permissions,
  );
  const view = new PanelViewProvider(context.extensionUri, bridge, timing);
  panelView = view;

  const focusPanel = async () => void (await vscode.commands.executeCommand(`${panelViewId}.focus`));
  const showSession = async (sessionId: string) => {
    await focusPanel();
    bridge.showSession(sessionId);
  };
  showSessionLater = (id) => void showSession(id);
  // "Maestro: Open" (and the status bar): the view, on the session selected there (its prompt box focused), else
  // the list.
  const openView = async () => {
    const selected = bridge.selectedSessionId;
    if (selected && tracker.sessions.get(selected)?.status !== 'closed' && tracker.sessions.has(selected)) await showSession(selected);
    else await focusPanel();
  };
  // Show Stats: the panel's Stats tab (charts, leaderboard, today's spend against the limit).
  const showStats = async () => {
    await focusPanel();
    bridge.showTab('stats');
  };
  const showRuns = async () => {
    await focusPanel();
    bridge.showTab('runs');
  };
  const watchFolder = (folder: string) => void reviewStore.watch(folder);
  const sessionContext: SessionCommandContext = { server: maestro, tracker, showSession, watchFolder, selectedSession: () => bridge.selectedSessionId };

  disposables.push(
    { dispose: () => bridge.dispose() },
    { dispose: () => tracker.dispose() },
    { dispose: () => reviewStore.dispose() },
    vscode.window.registerWebviewViewProvider(panelViewId, view, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
    new StatusBar(maestro, tracker, permissions),
    new CostStatusBar(maestro),
    new BudgetWarnings(maestro, showStats),
    new RunGateNotices(maestro, showRuns, notices),
    new RunEndNotices(maestro, {
      showSession: (sessionId) => void showSession(sessionId),
      openPlaybook: (run) => void (run.host
        ? hostFiles.open({ host: run.host, cwd: run.cwd ?? path.posix.dirname(run.playbook), path: run.playbook })
        : vscode.window.showTextDocument(vscode.Uri.file(run.playbook))),
      showRuns: () => void showRuns(),
      panelVisible: () => view.isVisible,
    }, notices),
    new TurnNotices(maestro, tracker, notices, (sessionId) => void showSession(sessionId)),
    review,
    reviewEdits,
    baselineDocuments,
    vscode.workspace.registerTextDocumentContentProvider(baselineScheme, baselineDocuments),
    new ReviewDecorations(reviewStore),
    vscode.languages.registerCodeLensProvider({ scheme: 'file' }, new ReviewCodeLensProvider(reviewStore)),
  );

  const command = (id: string, handler: (...args: never[]) => unknown) => disposables.push(vscode.commands.registerCommand(id, handler));
  // The core commands are in the palette and on their chords from a cold window (they activate the extension):
  // each brings the server up first, then does its work.
  const serverCommand = <A extends unknown[]>(id: string, handler: (...args: A) => unknown) =>
    command(id, async (...args: A) => ((await ensureServer(maestro)) ? handler(...args) : undefined));
  command('maestro.focus', openView);
  serverCommand('maestro.newGroupChat', async () => {
    await focusPanel();
    bridge.showNewChat();
  });
  // One New Session flow (palette, view title, Ctrl+Alt+M N, the panel's button and "n"): the panel's form, whose
  // Advanced step has the name, worktree, permission mode and host that quick picks never offered.
  serverCommand('maestro.newSession', async () => {
    await focusPanel();
    bridge.showNewSession();
  });
  serverCommand('maestro.promptSession', (sessionId?: string, text?: string) =>
    promptSession(sessionContext, typeof sessionId === 'string' ? sessionId : undefined, typeof text === 'string' ? text : undefined));
  serverCommand('maestro.cancelSession', () => cancelSession(sessionContext));
  serverCommand('maestro.closeSession', (sessionId?: string) => closeSession(sessionContext, typeof sessionId === 'string' ? sessionId : undefined));
  serverCommand('maestro.openWorktreeInNewWindow', (sessionId?: string) => openWorktreeInNewWindow(sessionContext, typeof sessionId === 'string' ? sessionId : undefined));
  serverCommand('maestro.mergeWorktree', (sessionId?: string) => mergeWorktree(sessionContext, typeof sessionId === 'string' ? sessionId : undefined));
  serverCommand('maestro.deleteWorktree', (sessionId?: string) => deleteWorktree(sessionContext, typeof sessionId === 'string' ? sessionId : undefined));
  serverCommand('maestro.openTranscript', () => openTranscript(sessionContext));
  serverCommand('maestro.runPlaybook', (resource?: unknown) => runPlaybook(async (playbook) => {
    await focusPanel();
    bridge.showStartRun(playbook);
  }, resource));
  serverCommand('maestro.stopRun', () => stopRun(maestro, tracker));
  serverCommand('maestro.reviewChanges', () => review.reviewChanges());
  command('maestro.acceptAll', () => review.decideAll('accept'));
  command('maestro.rejectAll', () => review.decideAll('reject'));
  command('maestro.acceptHunk', (target?: Parameters<ReviewController['acceptHunk']>[0]) => review.acceptHunk(target));
  command('maestro.rejectHunk', (target?: Parameters<ReviewController['rejectHunk']>[0]) => review.rejectHunk(target));
  command('maestro.openDiff', (uri?: vscode.Uri) => review.openDiff(uri));
  command('maestro.nextChange', () => review.goToChange(1));
  command('maestro.previousChange', () => review.goToChange(-1));
  serverCommand('maestro.undoReviewDecision', () => review.undoLast());
  command('maestro.stageHunk', () => review.stageHunk());
  serverCommand('maestro.startRemote', () => startRemote(maestro));
  serverCommand('maestro.stopRemote', () => stopRemote(maestro));
  serverCommand('maestro.showStats', showStats);
  command('maestro.showOutput', () => output.show(true));
  command('maestro.restartServer', () => restartWithFeedback(maestro));
  command('maestro.installAgent', (agentId?: string) => installAgent(maestro, typeof agentId === 'string' ? agentId : undefined));
  command('maestro.openWalkthrough', () => openWalkthrough(context.extension.id));

  // Trouble with the server is said once per incident, with the action that fixes it (ServerNotices).
  disposables.push(new ServerNotices(maestro, () => output.show(true), liveNotices));
  // A machine setting (the server's path, its environment) written in the workspace's settings does nothing: say so.
  const misplaced = new MisplacedSettingsWarning();
  misplaced.check();
  const stateSubscription = maestro.onDidChangeState(({ state }) => {
    void vscode.commands.executeCommand('setContext', 'maestro.serverReady', state === 'ready');
    if (state === 'ready') {
      timing.mark('server ready');
      for (const folder of vscode.workspace.workspaceFolders ?? []) watchFolder(folder.uri.fsPath);
    }
  });
  // Sessions in worktrees of their own: review those trees too (watching a known folder again is free).
  const sessionSubscription = tracker.onDidChange(() => {
    for (const session of tracker.openSessions()) if (session.worktree) watchFolder(session.worktree);
    // The worktree commands are in the palette only when a session works in a worktree.
    void vscode.commands.executeCommand('setContext', 'maestro.hasWorktreeSessions', tracker.openSessions().some((s) => !!s.worktree));
  });
  disposables.push(
    { dispose: () => stateSubscription.dispose() },
    { dispose: () => sessionSubscription.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (restartSettings.some((s) => e.affectsConfiguration(s))) void restartWithFeedback(maestro);
      if (machineSettings.some((s) => e.affectsConfiguration(s))) misplaced.check();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => e.added.forEach((f) => watchFolder(f.uri.fsPath))),
  );

  void vscode.commands.executeCommand('setContext', 'maestro.serverReady', false);
  void maestro.start();
  return { server: maestro, reviewStore, tracker };
}

export async function deactivate(): Promise<void> {
  await server?.dispose();
  server = undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
