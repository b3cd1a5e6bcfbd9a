// Wording of the Stats tab's numbers.

/** "2 h 05 min", "12 min", "45 s", "0 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Dollars with cents, or with four decimals below a cent (agents report fractions of a cent). */
export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  return Math.abs(value) < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

export function formatPercent(rate: number | undefined): string {
  return rate === undefined || rate === null ? '–' : `${Math.round(rate * 100)} %`;
}
