// Synthetic but well-formed session events, shaped like the recorded exchanges: a turn with a prompt, a tool call
// and its result, a file change, a streamed message, usage and the end of the turn.
import type { SessionEvent, SessionEventNotification } from '../../../protocol/protocol';

const turnShape = (turn: number): SessionEvent[] => [
  { type: 'prompt', turnId: `t${turn}`, text: `Prompt number ${turn}` },
  { type: 'status', status: 'running', turnId: `t${turn}` },
  { type: 'toolCall', toolCallId: `c${turn}`, kind: 'edit', title: `Write file${turn}.txt`, input: { file_path: `file${turn}.txt` }, status: 'inProgress' },
  { type: 'toolCallUpdate', toolCallId: `c${turn}`, status: 'completed', output: `wrote file${turn}.txt` },
  { type: 'fileChange', path: `file${turn}.txt`, change: 'added' },
  { type: 'messageDelta', text: `Turn ${turn}: `, role: 'assistant' },
  { type: 'messageDelta', text: 'wrote the file.', role: 'assistant' },
  { type: 'message', text: `Turn ${turn}: wrote the **file**.`, html: `<p>Turn ${turn}: wrote the <strong>file</strong>.</p>\n`, role: 'assistant' },
  { type: 'usage', usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.001 } },
  { type: 'status', status: 'idle', turnId: `t${turn}`, stopReason: 'endTurn' },
];

/** `count` events of one session, seq 1..count; the last one always creates a row (a status event). */
export function syntheticEvents(sessionId: string, count: number, firstSeq = 1): SessionEventNotification[] {
  const events: SessionEventNotification[] = [];
  for (let i = 0; i < count; i++) {
    const seq = firstSeq + i;
    const shape = turnShape(Math.floor((seq - 1) / 10) + 1);
    const event = i === count - 1 ? ({ type: 'status', status: 'idle', stopReason: 'endTurn' } as SessionEvent) : shape[(seq - 1) % 10]!;
    events.push({ sessionId, seq, time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, seq)).toISOString(), event });
  }
  return events;
}
