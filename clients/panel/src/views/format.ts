import type { SessionStatus, Usage } from '../../../protocol/protocol';

/** The full cost to a hundredth of a cent ($1.2345, $0.0042, $0.25): rounding to cents hid what cheap turns cost. */
export function formatCost(costUsd: number | undefined): string {
  if (!costUsd) return '$0.00';
  const [whole, fraction = ''] = costUsd.toFixed(4).split('.');
  return `$${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

export function formatTokens(count: number): string {
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${(count / 1_000).toFixed(1)}k`;
  return String(count);
}

export function formatUsage(usage: Usage): string {
  return `${formatTokens(usage.inputTokens)} in · ${formatTokens(usage.outputTokens)} out · ${formatCost(usage.costUsd)}`;
}

export const statusLabels: Record<SessionStatus, string> = {
  idle: 'Idle',
  running: 'Running',
  waiting: 'Waiting for you',
  failed: 'Failed',
  retrying: 'Waiting for the provider',
  closed: 'Closed',
};

/** What to show for a session: a pending permission is "Waiting for you" whatever the last status event said. */
export function shownStatus(status: SessionStatus, permissionPending: boolean): SessionStatus {
  return permissionPending && status !== 'closed' ? 'waiting' : status;
}

export function isBusy(status: SessionStatus): boolean {
  return status === 'running' || status === 'waiting' || status === 'retrying';
}

/** `path` relative to `root` when it lies inside it ("src/a.ts"), else as given; both may use / or \\. */
export function relativePath(path: string, root: string | undefined): string {
  if (!root) return path;
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const r = norm(root);
  const p = norm(path);
  if (p === r) return '.';
  return p.startsWith(`${r}/`) ? p.slice(r.length + 1) : path;
}

/** The last path segment, for compact labels. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? path;
}
