// The fixed contract between the shared panel (clients/panel) and its host (the VS Code extension, Rider's JCEF tool
// window, a plain page). The host is the JSON-RPC client of the maestro server; the panel only ever talks to the host.
// Written by hand (it is not part of Maestro.Protocol); the Kotlin host in clients/rider/plugin speaks the same names.
import type { PermissionMode } from './protocol';

export type HostKind = 'vscode' | 'jcef' | 'browser';

/** Host actions the panel may ask for with a `request` whose method starts with `host/`. */
export const HostActions = {
  OpenDiff: 'host/openDiff',
  OpenFile: 'host/openFile',
  ReviewChanges: 'host/reviewChanges',
  /**
   * A host's file `{ host, cwd, path, diff? }` (`path` is a path on that host): read through the server
   * (`files/read`) and shown read-only; with `diff`, against the agents' baseline there. Offered by an editor that can
   * show such a document; host/openFile and host/openDiff are for this machine's files only.
   */
  OpenHostFile: 'host/openHostFile',
  /**
   * Output: with `{ sessionId }` that session's agent output (VS Code: a channel of its own, filled from
   * `sessions/output`); without it, or in a host that keeps one log (Rider), the server's log.
   */
  ShowOutput: 'host/showOutput',
  /** First run: a terminal opened with `{ command }` typed in (not run: the user presses Enter). */
  RunInTerminal: 'host/runInTerminal',
  /** First run: `{ text }` onto the system clipboard (a webview cannot always reach it). */
  CopyText: 'host/copyText',
  /** First run: the editor's Maestro settings, where the server path and its environment are set. */
  ConfigureAgents: 'host/configureAgents',
  /**
   * Closes the session `{ sessionId }` the editor's way: for a worktree session it asks Keep / Delete worktree first.
   * A host without it (Rider, the phone page) gets the panel's own inline question.
   */
  CloseSession: 'host/closeSession',
  /** A worktree session's `{ sessionId }` worktree opened as a folder in a new editor window. */
  OpenWorktreeInNewWindow: 'host/openWorktreeInNewWindow',
  /** A worktree session's `{ sessionId }` branch merged into the base branch, after the editor asked. */
  MergeWorktree: 'host/mergeWorktree',
  /** A worktree session's `{ sessionId }` worktree deleted (the session closed with it), after the editor asked. */
  DeleteWorktree: 'host/deleteWorktree',
} as const;

export interface HostSettings {
  defaultAgent?: string;
  defaultPermissionMode?: PermissionMode;
  /** How the prompt box sends: Enter (Shift+Enter breaks a line; the default) or Ctrl/Cmd+Enter only. */
  sendWith?: 'enter' | 'ctrlEnter';
  /** Where new sessions' worktrees go (a subfolder per branch); absent: the server's `<repo>.worktrees/<branch>`. */
  worktreeFolder?: string;
}

export interface HostInfo {
  kind: 'hostInfo';
  host: HostKind;
  workspaceFolders: string[];
  hostActions: string[];
  settings: HostSettings;
}

export type ServerState = 'starting' | 'ready' | 'restarting' | 'stopped';

export interface RpcErrorBody {
  code: number;
  message: string;
  data?: unknown;
}

export type PanelToHost =
  | { kind: 'ready' }
  /** A JSON-RPC request to forward to the server, or a host action when `method` starts with `host/`. */
  | { kind: 'request'; id: number; method: string; params?: unknown }
  /** The answer to a server-to-client request the host forwarded as `serverRequest`. */
  | { kind: 'serverResponse'; id: string | number; result: unknown }
  /** The session the user opened in the panel, for the host's commands that act on "the current session" (Rider's
   *  actions); a host without such commands ignores it. */
  | { kind: 'sessionSelected'; sessionId: string };

export type HostToPanel =
  | HostInfo
  | { kind: 'serverState'; state: ServerState; message?: string }
  | { kind: 'response'; id: number; result?: unknown; error?: RpcErrorBody }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'serverRequest'; id: string | number; method: string; params: unknown }
  | { kind: 'serverRequestSettled'; id: string | number }
  | { kind: 'showSession'; sessionId: string }
  /** The editor's "New Group Chat" command: the Chat tab's create-room form. */
  | { kind: 'showNewChat' }
  /** The editor's "New Session" command: the panel's one new-session form (agent, folder, an Advanced step). */
  | { kind: 'showNewSession' }
  /** Shows one of the panel's tabs (VS Code's and Rider's "Show Stats" open the Stats tab). */
  | { kind: 'showTab'; tab: PanelTab }
  /** The editor's "Run Playbook": the start-a-run screen, with this playbook (a folder or file path) picked when given. */
  | { kind: 'showStartRun'; playbook?: string };

/** The panel's tabs, in their order. */
export type PanelTab = 'sessions' | 'review' | 'runs' | 'chat' | 'stats';
