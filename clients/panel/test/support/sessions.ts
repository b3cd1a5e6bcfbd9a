import type { Session } from '../../../protocol/protocol';

export function makeSession(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id, name: `Session ${id}`, agentId: 'claude-code', cwd: '/work/repo', status: 'idle', permissionMode: 'acceptEdits', lastSeq: 0,
    createdAt: `2026-01-01T00:00:0${id.length % 10}Z`, updatedAt: '2026-01-01T00:00:00Z',
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.25 },
    ...overrides,
  };
}
