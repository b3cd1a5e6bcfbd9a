/**
 * When to restart a server that died: exponential backoff from `initialDelayMs`, capped at `maxDelayMs`; a process
 * that ran at least `stableAfterMs` counts as healthy, so its death starts the backoff afresh; after `maxAttempts`
 * quick deaths in a row the policy gives up (the user restarts by command) instead of looping forever.
 */
export interface RestartPolicyOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  stableAfterMs: number;
  maxAttempts: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  initialDelayMs: 1000,
  maxDelayMs: 30000,
  stableAfterMs: 60000,
  maxAttempts: 6,
};

export class RestartPolicy {
  private failures = 0;

  constructor(private readonly options: RestartPolicyOptions = defaultRestartPolicy) {}

  /** The delay before the next start after a process that ran `uptimeMs` died, or undefined to give up. */
  nextDelay(uptimeMs: number): number | undefined {
    if (uptimeMs >= this.options.stableAfterMs) this.failures = 0;
    if (this.failures >= this.options.maxAttempts) return undefined;
    const delay = Math.min(this.options.initialDelayMs * 2 ** this.failures, this.options.maxDelayMs);
    this.failures++;
    return delay;
  }

  /** A manual restart forgets earlier failures. */
  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
