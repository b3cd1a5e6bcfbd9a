import type { SessionStatus, Usage } from '../../../protocol/protocol';

export function formatCost(costUsd: number | undefined): string {
  if (!costUsd) return '$0.00';
  return costUsd < 0.01 ? `$${costUsd.toFixed(4)}` : `$${costUsd.toFixed(2)}`;
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

export function isBusy(status: SessionStatus): boolean {
  return status === 'running' || status === 'waiting' || status === 'retrying';
}

/** The last path segment, for compact labels. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? path;
}
