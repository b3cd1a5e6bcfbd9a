// @vitest-environment happy-dom
// Issue 22's transcript: markdown rendered while it streams (headings, tables, code with highlight and Copy), no
// internal tokens, a Playbook task's prompt collapsed, workspace-relative paths, tool rows as a chevron and one line,
// a per-turn list of changed files with +/- counts, repeated agent notices folded into one row with a counter.
import { describe, expect, test, vi } from 'vitest';
import type { SessionEvent } from '../../../protocol/protocol';
import { Transcript } from '../../src/state/transcript';
import { formatElapsed, modelWaitSeconds } from '../../src/views/sessionView';
import { renderRow, type RowContext } from '../../src/views/transcript/rowRenderer';

function rowsOf(...events: SessionEvent[]) {
  const t = new Transcript('s');
  events.forEach((event, i) => t.apply({ sessionId: 's', seq: i + 1, time: '2026-01-01T00:00:00Z', event }));
  return t.rows;
}

function context(overrides: Partial<RowContext> = {}): RowContext {
  const expanded = new Set<number>();
  return {
    canOpenDiff: false, openDiff: vi.fn(), isExpanded: (k) => expanded.has(k), setExpanded: (k, o) => (o ? expanded.add(k) : expanded.delete(k)),
    cwd: '/work/repo', ...overrides,
  };
}

describe('markdown while it streams', () => {
  const text = [
    '## Plan', '', 'Some **bold** and `code` and a [link](https://example.com) and [bad](javascript:alert(1)).', '',
    '| File | Lines |', '|---|--:|', '| a.ts | 3 |', '', '- one', '- two', '', '```ts', 'const x = 1; // note', 'return "s";',
  ].join('\n');

  test('headings, inline marks, safe links, tables, lists and an unclosed code fence, as DOM (no HTML parsing)', () => {
    const [row] = rowsOf({ type: 'messageDelta', text, role: 'assistant' });
    const copy = vi.fn();
    const el = renderRow(row!, context({ copy }));
    const body = el.querySelector('.message-body.streaming')!;
    expect(body.querySelector('h2')!.textContent).toBe('Plan');
    expect(body.querySelector('strong')!.textContent).toBe('bold');
    expect(body.querySelector('p code')!.textContent).toBe('code');
    expect([...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.com']);
    expect(body.textContent).toContain('bad');
    expect([...body.querySelectorAll('th')].map((c) => c.textContent)).toEqual(['File', 'Lines']);
    expect([...body.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['a.ts', '3']);
    expect([...body.querySelectorAll('li')].map((c) => c.textContent)).toEqual(['one', 'two']);
    const code = body.querySelector('.code-block pre code')!;
    expect(code.textContent).toBe('const x = 1; // note\nreturn "s";');
    expect(code.querySelector('.tok-keyword')!.textContent).toBe('const');
    expect(code.querySelector('.tok-comment')!.textContent).toBe('// note');
    expect(code.querySelector('.tok-string')!.textContent).toBe('"s"');
    body.querySelector<HTMLButtonElement>('.copy-code')!.click();
    expect(copy).toHaveBeenCalledWith('const x = 1; // note\nreturn "s";');
  });

  test('the server’s final html gets the same code blocks', () => {
    const [row] = rowsOf({ type: 'message', text: '```\nls\n```', html: '<pre><code>ls -la\n</code></pre>', role: 'assistant' });
    const el = renderRow(row!, context());
    expect(el.querySelector('.code-block .copy-code')).not.toBeNull();
    expect(el.querySelector('.message-body.streaming')).toBeNull();
  });
});

describe('rows in words', () => {
  test('no internal tokens: a finished turn is "Turn finished", not "Idle (endTurn)"', () => {
    const rows = rowsOf({ type: 'status', status: 'idle', stopReason: 'endTurn' }, { type: 'status', status: 'idle', stopReason: 'cancelled' });
    expect(rows.map((r) => renderRow(r, context()).textContent)).toEqual(['Turn finished', 'Turn cancelled']);
  });

  test('a Playbook task’s prompt is collapsed and said to be Maestro’s; a user’s prompt is shown', () => {
    const [prompt] = rowsOf({ type: 'prompt', turnId: 't', text: 'You are working through TASKS.md…' });
    const el = renderRow(prompt!, context({ playbookPrompts: () => true }));
    expect(el.querySelector('details')!.open).toBe(false);
    expect(el.querySelector('summary')!.textContent).toBe('Playbook task prompt (sent by Maestro)');
    expect(renderRow(prompt!, context()).querySelector('details')).toBeNull();
  });

  test('a tool row: a chevron and one line with the workspace-relative path; the full title as its tooltip', () => {
    const [row] = rowsOf({ type: 'toolCall', toolCallId: 'c', kind: 'read', title: 'Read /work/repo/src/a.ts', input: { file_path: '/work/repo/src/a.ts' }, status: 'completed' });
    const summary = renderRow(row!, context()).querySelector('summary')!;
    expect(summary.querySelector('.chevron')).not.toBeNull();
    expect(summary.querySelector('.tool-title')!.textContent).toBe('Read src/a.ts');
    expect(summary.querySelector('.tool-title')!.getAttribute('title')).toBe('Read /work/repo/src/a.ts');
    expect(summary.querySelector('.badge.status-completed')!.textContent).toBe('done');
  });

  test('a bare tool call ("Write") takes what it touches from its permission request', () => {
    const rows = rowsOf(
      { type: 'toolCall', toolCallId: 'w1', kind: 'edit', title: 'Write', status: 'pending' },
      { type: 'permissionRequest', toolCall: { id: 'w1', title: 'Write', kind: 'edit', input: { file_path: '/work/repo/greeting.txt', content: 'hi' } }, options: [], chosenOptionId: undefined },
    );
    expect(renderRow(rows[0]!, context()).querySelector('.tool-title')!.textContent).toBe('Write greeting.txt');
  });

  test('a turn that changed files ends with the list of them, each once, with +/- counts from review', () => {
    const rows = rowsOf(
      { type: 'prompt', turnId: 'turn1', text: 'go' },
      { type: 'fileChange', path: '/work/repo/greeting.txt', change: 'added' },
      { type: 'fileChange', path: '/work/repo/src/a.ts', change: 'modified' },
      { type: 'fileChange', path: '/work/repo/greeting.txt', change: 'modified' },
      { type: 'status', status: 'idle', turnId: 'turn1', stopReason: 'endTurn' },
    );
    const files = rows.at(-1)!;
    expect(files.kind).toBe('turnFiles');
    const diffStat = vi.fn((_turnId: string | undefined, path: string) => (path.endsWith('a.ts') ? { added: 4, removed: 1 } : undefined));
    const el = renderRow(files, context({ diffStat }));
    expect(el.querySelector('.row-label')!.textContent).toBe('2 files changed');
    expect([...el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['changedsrc/a.ts+4 −1', 'changedgreeting.txt']);
    expect(diffStat).toHaveBeenCalledWith('turn1', '/work/repo/src/a.ts');
    expect(renderRow(rows[1]!, context()).querySelector('.file-path')!.textContent).toBe('greeting.txt');
  });

  test('without review’s hunks, the counts come from the turn’s successful edits', () => {
    const rows = rowsOf(
      { type: 'prompt', turnId: 'turn1', text: 'go' },
      { type: 'toolCall', toolCallId: 'w', kind: 'edit', title: 'Write', input: { file_path: '/work/repo/greeting.txt', content: 'a\nb\n' }, status: 'completed' },
      { type: 'toolCall', toolCallId: 'e', kind: 'edit', title: 'Edit', input: { file_path: '/work/repo/greeting.txt', old_string: 'b', new_string: 'c\nd' }, status: 'completed' },
      { type: 'toolCall', toolCallId: 'x', kind: 'edit', title: 'Edit', input: { file_path: '/work/repo/greeting.txt', old_string: 'q', new_string: 'r' }, status: 'failed' },
      { type: 'fileChange', path: 'greeting.txt', change: 'added' },
      { type: 'status', status: 'idle', turnId: 'turn1', stopReason: 'endTurn' },
    );
    const el = renderRow(rows.at(-1)!, context());
    expect(el.querySelector('.diff-stat')!.textContent).toBe('+4 −1');
  });

  test('an agent’s repeated notice ("Reconnecting… 1/5", "2/5") is one row with a counter', () => {
    const rows = rowsOf(
      { type: 'message', text: 'Reconnecting... 1/5', html: '<p>Reconnecting... 1/5</p>', role: 'notice' },
      { type: 'message', text: 'Reconnecting... 2/5', html: '<p>Reconnecting... 2/5</p>', role: 'notice' },
      { type: 'message', text: 'Reconnecting... 3/5', html: '<p>Reconnecting... 3/5</p>', role: 'notice' },
    );
    expect(rows).toHaveLength(1);
    const el = renderRow(rows[0]!, context());
    expect(el.querySelector('p')!.textContent).toBe('Reconnecting... 3/5');
    expect(el.querySelector('.repeat-count')!.textContent).toBe('×3');
  });

  test('a long model wait shows the time since the transcript last moved, after 10 s', () => {
    expect(modelWaitSeconds(0, 9_000)).toBeUndefined();
    expect(modelWaitSeconds(0, 42_000)).toBe(42);
    expect(formatElapsed(42)).toBe('42 s');
    expect(formatElapsed(125)).toBe('2 min 5 s');
  });
});
