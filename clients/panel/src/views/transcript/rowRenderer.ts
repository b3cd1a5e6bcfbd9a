// Turns one transcript row into DOM. Message html comes from the server, which renders markdown with raw HTML
// escaped and only safe links, so it is inserted as is; everything else is built as text nodes.
import type {
  ErrorRow, FileChangeRow, MessageRow, OutageRow, PermissionRow, PlanRow, PromptRow, StatusRow, ToolCallRow, TranscriptRow, TurnFilesRow, UsageRow,
} from '../../state/rows';
import { button, h } from '../dom';
import { formatUsage, relativePath } from '../format';
import { enhanceCodeBlocks } from './codeBlocks';
import { renderMarkdown } from './markdown';
import { permissionSummary } from './permissionTarget';
import { renderAnswer, renderTarget } from './permissionCard';

export interface RowContext {
  /** The session's working folder: paths under it are shown relative to it. */
  cwd?: string;
  /** Whether the host can open an editor diff (host/openDiff); the "Open diff" button shows only then. */
  canOpenDiff: boolean;
  openDiff(path: string): void;
  /** Remembers which tool calls the user expanded, since rows are recreated as they scroll in and out. */
  isExpanded(key: number): boolean;
  setExpanded(key: number, open: boolean): void;
  /** Try now and Stop on a live outage card (sessions/retryNow, sessions/cancel); absent: no buttons. */
  retryNow?(): void;
  stop?(): void;
  /** What became of a changed file in review (pending / kept / rejected); absent or undefined: nothing shown. */
  reviewOutcome?(path: string): 'pending' | 'kept' | 'rejected' | undefined;
  /** The clock the countdown reads; Date.now by default (tests pass their own). */
  now?(): number;
  /** Copies a code block's text (the host's clipboard when it offers one). */
  copy?(text: string): void;
  /** The session is a Playbook run's task: its prompts are Maestro's, not the user's, and start collapsed. */
  playbookPrompts?(): boolean;
  /** +/- line counts of a file a turn changed, from the review inbox; undefined when not known. */
  diffStat?(turnId: string | undefined, path: string): { added: number; removed: number } | undefined;
}

/** Inputs and outputs can be large: show the start, the rest is one click away in the agent's own tools. */
const maxShownChars = 8000;

/** Rough heights before a row is measured; closer estimates mean less jumping while scrolling far. */
export function estimateHeight(row: TranscriptRow): number {
  switch (row.kind) {
    case 'message':
      return 24 + Math.ceil(row.text.length / 80) * 20;
    case 'prompt':
      return 24 + Math.ceil(row.text.length / 80) * 20;
    case 'plan':
      return 28 + row.entries.length * 22;
    case 'permission':
      return 80;
    default:
      return 30;
  }
}

export function renderRow(row: TranscriptRow, context: RowContext): HTMLElement {
  const el = renderBody(row, context);
  el.classList.add('row', `row-${row.kind}`);
  el.dataset.seq = String(row.key);
  return el;
}

function renderBody(row: TranscriptRow, context: RowContext): HTMLElement {
  switch (row.kind) {
    case 'prompt':
      return renderPrompt(row, context);
    case 'message':
      return renderMessage(row, context);
    case 'turnFiles':
      return renderTurnFiles(row, context);
    case 'toolCall':
      return renderToolCall(row, context);
    case 'fileChange':
      return renderFileChange(row, context);
    case 'plan':
      return renderPlan(row);
    case 'permission':
      return renderPermission(row, context);
    case 'usage':
      return renderUsage(row);
    case 'status':
      return renderStatus(row);
    case 'error':
      return renderError(row);
    case 'outage':
      return renderOutage(row, context);
  }
}

function renderPrompt(row: PromptRow, context: RowContext): HTMLElement {
  if (!context.playbookPrompts?.()) return h('div', { attrs: { 'aria-label': 'Your prompt' } }, h('div', { class: 'prompt-text', text: row.text }));
  // A Playbook task's prompt is Maestro's template filled in, not something the user typed: one line, open on demand.
  const details = h('details', { class: 'playbook-prompt' });
  details.open = context.isExpanded(row.key);
  details.addEventListener('toggle', () => context.setExpanded(row.key, details.open));
  details.append(h('summary', { text: 'Playbook task prompt (sent by Maestro)' }), h('div', { class: 'prompt-text', text: row.text }));
  return h('div', { attrs: { 'aria-label': 'Playbook task prompt' } }, details);
}

/** Markdown as it streams (built here), then the server's rendering of the final text; code blocks get a Copy button. */
function renderMessage(row: MessageRow, context: RowContext): HTMLElement {
  const el = h('div', { class: `role-${row.role}` });
  if (row.role === 'thought') el.appendChild(h('div', { class: 'row-label', text: 'Thinking' }));
  const body = h('div', { class: 'message-body markdown' });
  if (row.html !== undefined && !row.streaming) body.innerHTML = row.html;
  else {
    body.classList.add('streaming');
    body.appendChild(renderMarkdown(row.text));
  }
  enhanceCodeBlocks(body, (text) => context.copy?.(text));
  if (row.repeats && row.repeats > 1) body.appendChild(h('span', { class: 'repeat-count', text: `×${row.repeats}`, attrs: { 'aria-label': `repeated ${row.repeats} times` } }));
  el.appendChild(body);
  return el;
}

/** The files a turn changed, each once, with the lines it added and removed while they wait in review. */
function renderTurnFiles(row: TurnFilesRow, context: RowContext): HTMLElement {
  const list = h('ul', { class: 'turn-files' });
  for (const file of row.files) {
    const shown = relativePath(file.path, context.cwd);
    const stat = context.diffStat?.(row.turnId, file.path) ?? file.estimate;
    list.appendChild(
      h(
        'li',
        {},
        h('span', { class: `badge change-${file.change}`, text: changeLabels[file.change] }),
        h('span', { class: 'file-path', text: shown, attrs: { title: file.path } }),
        stat ? h('span', { class: 'diff-stat', attrs: { 'aria-label': `${stat.added} lines added, ${stat.removed} removed` } }, h('span', { class: 'added', text: `+${stat.added}` }), ' ', h('span', { class: 'removed', text: `−${stat.removed}` })) : null,
        context.canOpenDiff ? button('Diff', () => context.openDiff(file.path), { class: 'link-button', attrs: { 'aria-label': `Open diff of ${shown}` } }) : null,
      ),
    );
  }
  const count = row.files.length === 1 ? '1 file changed' : `${row.files.length} files changed`;
  return h('div', {}, h('div', { class: 'row-label', text: count }), list);
}

const changeLabels: Record<string, string> = { added: 'added', modified: 'changed', deleted: 'deleted' };

function renderToolCall(row: ToolCallRow, context: RowContext): HTMLElement {
  const details = h('details', { class: 'tool-call' });
  details.open = context.isExpanded(row.key);
  details.addEventListener('toggle', () => context.setExpanded(row.key, details.open));
  // One line: a chevron (the details marker), what the tool did in words, and how it went.
  const what = permissionSummary({ id: row.toolCallId, title: row.title, kind: row.toolKind, input: row.input }, context.cwd);
  const summary = h(
    'summary',
    { attrs: { 'aria-label': `${what}, ${toolStatusLabels[row.status]}` } },
    h('span', { class: 'chevron', attrs: { 'aria-hidden': 'true' } }),
    h('span', { class: 'tool-title', text: what, attrs: { title: row.title } }),
    h('span', { class: `badge status-${row.status}`, text: toolStatusLabels[row.status] }),
  );
  details.appendChild(summary);
  if (row.input !== undefined) details.appendChild(h('pre', { class: 'tool-input', text: clip(JSON.stringify(row.input, null, 2)) }));
  if (row.output) details.appendChild(h('pre', { class: 'tool-output', text: clip(row.output) }));
  return h('div', {}, details);
}

const toolStatusLabels: Record<string, string> = { pending: 'pending', inProgress: 'running', completed: 'done', failed: 'failed' };

function renderFileChange(row: FileChangeRow, context: RowContext): HTMLElement {
  const outcome = context.reviewOutcome?.(row.path);
  return h(
    'div',
    {},
    h('span', { class: `badge change-${row.change}`, text: changeLabels[row.change] ?? row.change }),
    h('span', { class: 'file-path', text: relativePath(row.path, context.cwd), attrs: { title: row.path } }),
    outcome ? h('span', { class: `badge review-${outcome}`, text: outcome, attrs: { 'aria-label': `Review: ${outcome}` } }) : null,
    context.canOpenDiff ? button('Open diff', () => context.openDiff(row.path), { class: 'link-button', attrs: { 'aria-label': `Open diff of ${row.path}` } }) : null,
  );
}

function renderPlan(row: PlanRow): HTMLElement {
  const list = h('ol', { class: 'plan-entries' });
  for (const entry of row.entries) {
    list.appendChild(h('li', { class: `plan-${entry.status}` }, h('span', { class: 'plan-mark', text: planMark(entry.status), attrs: { 'aria-label': entry.status } }), entry.content));
  }
  return h('div', {}, h('div', { class: 'row-label', text: 'Plan' }), list);
}

function planMark(status: string): string {
  if (status === 'completed') return '✓';
  if (status === 'inProgress') return '▸';
  return '○';
}

/** A request recorded in the transcript: what was asked and, as a line of text, what was chosen. Live requests are cards. */
function renderPermission(row: PermissionRow, context: RowContext): HTMLElement {
  return h(
    'div',
    { class: 'permission-record' },
    h('div', { class: 'row-label', text: 'Permission asked' }),
    renderTarget(row.toolCall, context.cwd),
    renderAnswer(row.options, row.chosenOptionId),
  );
}

function renderUsage(row: UsageRow): HTMLElement {
  return h('div', { class: 'meta' }, formatUsage(row.usage));
}

// A transcript is history: a status row says what happened at that point, in words (never "Idle (endTurn)").
export function statusMoment(status: string, stopReason?: string): string {
  if (status === 'running') return 'Turn started';
  if (status === 'waiting') return 'Waiting for your answer';
  if (status === 'retrying') return 'Waiting for the provider';
  if (status === 'closed') return 'Session closed';
  if (status === 'failed' || stopReason === 'error') return 'Turn failed';
  if (stopReason === 'cancelled') return 'Turn cancelled';
  if (stopReason === 'maxTurns') return 'Turn stopped: the agent reached its step limit';
  return 'Turn finished';
}

function renderStatus(row: StatusRow): HTMLElement {
  return h('div', { class: `meta status-row status-${row.status}` }, statusMoment(row.status, row.stopReason));
}

function renderError(row: ErrorRow): HTMLElement {
  const el = h('div', {}, h('div', { class: 'error-message', text: row.message }));
  if (row.detail) el.appendChild(h('pre', { class: 'error-detail', text: clip(row.detail) }));
  return el;
}

/** One card per outage: what is wrong, how many sends failed, a countdown to the next, Try now and Stop. */
function renderOutage(row: OutageRow, context: RowContext): HTMLElement {
  const what = row.outageClass === 'quota' ? 'Usage limit reached' : 'Provider unavailable';
  const card = h('section', { class: `outage-card outage-${row.state}`, attrs: { role: 'group', 'aria-label': what } });
  card.appendChild(h('div', { class: 'row-label', text: what }));
  card.appendChild(h('div', { class: 'outage-reason', text: row.reason }));
  const tries = `${row.attempts} failed ${row.attempts === 1 ? 'send' : 'sends'}`;
  if (row.state === 'waiting') {
    const countdown = h('div', { class: 'outage-countdown', attrs: { 'aria-live': 'polite' } });
    const now = context.now ?? Date.now;
    const tick = () => {
      countdown.textContent = `${tries}; resending ${describeWait(row.nextAt, now())}${row.resetAt ? ` (limit resets ${new Date(row.resetAt).toLocaleTimeString()})` : ''}`;
    };
    tick();
    // Ticks while the card is on screen; the row is rebuilt when the outage is revised.
    const timer = setInterval(() => (card.isConnected ? tick() : clearInterval(timer)), 1000);
    card.appendChild(countdown);
    const buttons = h('div', { class: 'outage-actions' });
    if (context.retryNow) buttons.appendChild(button('Try now', () => context.retryNow!(), { attrs: { 'aria-label': 'Resend the prompt now' } }));
    if (context.stop) buttons.appendChild(button('Stop', () => context.stop!(), { attrs: { 'aria-label': 'Stop waiting for the provider' } }));
    card.appendChild(buttons);
  } else {
    const end = row.state === 'recovered' ? `Recovered after ${tries}` : `Stopped after ${tries}${row.stoppedBecause ? `: ${row.stoppedBecause}` : ''}`;
    card.appendChild(h('div', { class: 'meta', text: end }));
  }
  return card;
}

function describeWait(nextAt: string | undefined, now: number): string {
  if (!nextAt) return 'soon';
  const seconds = Math.max(0, Math.round((Date.parse(nextAt) - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `in ${minutes} min ${seconds % 60} s` : `at ${new Date(nextAt).toLocaleTimeString()}`;
}

function clip(text: string): string {
  return text.length > maxShownChars ? `${text.slice(0, maxShownChars)}\n… (${text.length - maxShownChars} more characters)` : text;
}
