import { describe, expect, it } from 'vitest';
import { RestartPolicy } from '../../src/server/restartPolicy';

describe('RestartPolicy', () => {
  const options = { initialDelayMs: 1000, maxDelayMs: 8000, stableAfterMs: 60000, maxAttempts: 5 };

  it('doubles the delay after each quick death, up to the cap, then gives up', () => {
    const policy = new RestartPolicy(options);
    const delays = Array.from({ length: 6 }, () => policy.nextDelay(100));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, undefined]);
  });

  it('starts afresh after a process that ran long enough', () => {
    const policy = new RestartPolicy(options);
    policy.nextDelay(100);
    policy.nextDelay(100);
    expect(policy.nextDelay(120000)).toBe(1000);
  });

  it('forgets failures on a manual restart', () => {
    const policy = new RestartPolicy(options);
    for (let i = 0; i < 5; i++) policy.nextDelay(0);
    expect(policy.nextDelay(0)).toBeUndefined();
    policy.reset();
    expect(policy.nextDelay(0)).toBe(1000);
  });
});
