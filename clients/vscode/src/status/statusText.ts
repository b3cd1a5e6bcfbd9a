import type { Run, Session } from '../protocol';
import type { ServerState } from '../server/rpcClient';

export interface StatusText {
  text: string;
  tooltip: string;
  /** Draws attention (warning background) when the server is not usable or an agent waits for the user. */
  warning: boolean;
}

/** The status bar item's text: what the server is doing at a glance (codicons in `$(...)`). */
export function statusText(state: ServerState, stateMessage: string | undefined, sessions: Iterable<Session>, runs: Iterable<Run>): StatusText {
  if (state === 'starting') return { text: '$(loading~spin) Maestro', tooltip: 'Maestro: starting the server…', warning: false };
  if (state === 'restarting') return { text: '$(debug-restart) Maestro', tooltip: stateMessage ?? 'Maestro: restarting the server…', warning: true };
  if (state === 'stopped') return { text: '$(error) Maestro', tooltip: stateMessage ?? 'Maestro: the server is not running.', warning: true };

  let running = 0;
  let waiting = 0;
  for (const session of sessions) {
    if (session.status === 'running') running++;
    else if (session.status === 'waiting') waiting++;
  }
  const activeRuns = [...runs].filter((r) => r.status === 'running' || r.status === 'waiting');

  const parts: string[] = [];
  if (running > 0) parts.push(`$(sync~spin) ${running}`);
  if (waiting > 0) parts.push(`$(bell-dot) ${waiting}`);
  if (activeRuns.length > 0) parts.push(`$(checklist) ${activeRuns.length}`);
  const text = parts.length > 0 ? `Maestro ${parts.join(' ')}` : '$(hubot) Maestro';

  const lines = [`${plural(running, 'agent')} running`, `${plural(waiting, 'agent')} waiting for you`, `${plural(activeRuns.length, 'Playbook run')} in progress`];
  for (const run of activeRuns) lines.push(`  ${run.playbook}: ${run.done}/${run.total}${run.status === 'waiting' ? ' (waiting for the provider)' : ''}`);
  lines.push('Click to open the Maestro panel.');
  return { text, tooltip: lines.join('\n'), warning: waiting > 0 };
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
