import type { Run, ServerInfo, Session } from '../protocol';
import type { ServerState } from '../server/rpcClient';

export interface StatusText {
  text: string;
  tooltip: string;
  /** What a screen reader says (accessibilityInformation): words, not codicons. */
  label: string;
  /** Draws attention (warning background) when the server is not usable or an agent waits for the user. */
  warning: boolean;
}

/** The server the extension is connected to: what initialize answered and the binary it started. */
export interface ConnectedServer {
  info: ServerInfo | undefined;
  path: string | undefined;
}

/** The status bar item's text: what the server is doing at a glance (codicons in `$(...)`). */
export function statusText(
  state: ServerState,
  stateMessage: string | undefined,
  sessions: Iterable<Session>,
  runs: Iterable<Run>,
  server?: ConnectedServer,
  /** Sessions with a permission request waiting for the user: the server keeps them `running`, the user is waited on. */
  waitingIds: ReadonlySet<string> = new Set(),
): StatusText {
  if (state === 'starting') return { text: '$(loading~spin) Maestro', tooltip: 'Maestro: starting the server…', label: 'Maestro: starting the server', warning: false };
  if (state === 'restarting') {
    const tooltip = stateMessage ?? 'Maestro: restarting the server…';
    return { text: '$(debug-restart) Maestro', tooltip, label: `Maestro: the server is restarting. ${tooltip}`, warning: true };
  }
  if (state === 'stopped') {
    const tooltip = stateMessage ?? 'Maestro: the server is not running.';
    return { text: '$(error) Maestro', tooltip, label: `Maestro: the server is not running. ${tooltip}`, warning: true };
  }

  let running = 0;
  let waiting = 0;
  for (const session of sessions) {
    if (session.status === 'waiting' || (session.status === 'running' && waitingIds.has(session.id))) waiting++;
    else if (session.status === 'running') running++;
  }
  const activeRuns = [...runs].filter((r) => r.status === 'running' || r.status === 'waiting');
  // A run at a human-in-the-loop gate waits for the user just like an agent asking a permission.
  const gated = activeRuns.filter((r) => r.gate).length;

  const parts: string[] = [];
  if (running > 0) parts.push(`$(sync~spin) ${running}`);
  // Waiting is not running: its own count, in words, on the warning colour.
  if (waiting + gated > 0) parts.push(`$(bell-dot) ${waiting + gated} waiting for you`);
  if (activeRuns.length > 0) parts.push(`$(checklist) ${activeRuns.length}`);
  const text = parts.length > 0 ? `Maestro ${parts.join(' ')}` : '$(hubot) Maestro';

  const counts = [`${plural(running, 'agent')} running`, `${plural(waiting, 'agent')} waiting for you`, `${plural(activeRuns.length, 'Playbook run')} in progress`];
  if (gated > 0) counts.push(`${plural(gated, 'run')} needing your approval`);
  const lines = [...counts];
  for (const run of activeRuns) lines.push(`  ${run.playbook}: ${run.done}/${run.total}${runWait(run)}`);
  const connected = connectedLine(server);
  if (connected) lines.push(connected);
  lines.push('Click to open the Maestro panel.');
  return { text, tooltip: lines.join('\n'), label: `Maestro: ${counts.join(', ')}`, warning: waiting + gated > 0 };
}

/** "Server maestro 1.2.0 at /usr/local/bin/maestro": which server answers, so a stale or wrong binary is visible. */
export function connectedLine(server: ConnectedServer | undefined): string | undefined {
  if (!server?.info && !server?.path) return undefined;
  const name = server.info ? `${server.info.name} ${server.info.version}` : 'unknown version';
  return `Server: ${name}${server.path ? ` at ${server.path}` : ''}`;
}

const runWait = (run: Run): string => {
  if (run.status !== 'waiting') return '';
  return run.gate ? ` (needs your approval: ${run.gate.reason})` : ' (waiting for the provider)';
};

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
