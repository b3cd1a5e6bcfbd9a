// The Review tab: one inbox of every session's pending agent hunks in the sessions' folders, grouped by session,
// with Accept / Reject per hunk, per file and per session, Undo for each decision made here, and the question a
// reject of a hunk the user edited asks first. Keyboard first: ↑/↓ (or j/k) move between files and hunks, A
// accepts, R rejects, U undoes the last decision.
import type { ReviewHunk } from '../../../protocol/protocol';
import type { Actions, ReviewTarget } from '../state/actions';
import { hunkPreview, type PendingFile, type SessionGroup } from '../state/review';
import type { Store } from '../state/store';
import { button, clear, h, isTyping } from './dom';

export class ReviewView {
  readonly element: HTMLElement;
  private readonly undoBar: HTMLElement;
  private readonly question: HTMLElement;
  private readonly list: HTMLElement;
  /** The target of each focusable item, by its data-review-key. */
  private readonly targets = new Map<string, ReviewTarget>();

  constructor(private readonly store: Store, private readonly actions: Actions) {
    this.undoBar = h('div', { class: 'review-decisions', attrs: { role: 'region', 'aria-label': 'Review decisions', 'aria-live': 'polite' } });
    this.question = h('div', { class: 'review-question', attrs: { role: 'alert' } });
    this.list = h('div', { class: 'review-list', attrs: { role: 'list', 'aria-label': 'Pending agent changes' } });
    this.element = h(
      'section',
      { class: 'review-view', attrs: { 'aria-label': 'Review', 'aria-keyshortcuts': 'ArrowUp ArrowDown A R U' } },
      h('div', { class: 'toolbar' }, button('Refresh', () => void this.actions.loadReview())),
      this.question,
      this.undoBar,
      this.list,
    );
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** Called when the tab is shown: read the inbox again. */
  shown(): void {
    void this.actions.loadReview();
  }

  render(): void {
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-review-key]')?.dataset.reviewKey;
    this.renderQuestion();
    this.renderUndo();
    clear(this.list);
    this.targets.clear();
    const groups = this.store.review.groups();
    if (groups.length === 0) this.list.appendChild(h('div', { class: 'empty', text: 'No agent changes waiting for review.' }));
    for (const group of groups) this.list.appendChild(this.renderGroup(group));
    const again = focused && this.list.querySelector<HTMLElement>(`[data-review-key="${CSS.escape(focused)}"]`);
    if (again) again.focus();
  }

  private renderGroup(group: SessionGroup): HTMLElement {
    const count = `${plural(group.files.length, 'file')}, ${plural(group.hunks, 'change')}`;
    const cwd = group.files[0]!.cwd;
    const whole: ReviewTarget = {
      cwd,
      selection: { paths: ['.'], sessionId: group.sessionId },
      label: `every change of ${group.name}`,
      targets: group.files.map((f) => ({ sessionId: group.sessionId, path: f.file.path })),
    };
    const heading = this.item(
      `s:${group.sessionId}`,
      whole,
      h('div', { class: 'session-line' }, h('span', { class: 'session-name', text: group.name }), h('span', { class: 'meta', text: `${group.agentId} · ${count}` })),
      'review-session',
    );
    const section = h('div', { class: 'review-group', attrs: { role: 'group', 'aria-label': `${group.name}: ${count}` } }, heading);
    for (const pending of group.files) section.appendChild(this.renderFile(group, pending));
    return section;
  }

  private renderFile(group: SessionGroup, pending: PendingFile): HTMLElement {
    const { file, cwd } = pending;
    const target: ReviewTarget = {
      cwd,
      selection: { paths: [file.path], sessionId: group.sessionId },
      label: `${group.name}'s changes in ${file.path}`,
      targets: [{ sessionId: group.sessionId, path: file.path }],
    };
    const header = this.item(
      `f:${group.sessionId}:${file.turnId}:${file.path}`,
      target,
      h(
        'div',
        { class: 'review-file-line' },
        h('span', { class: `badge change-${file.status}`, text: file.status }),
        h('span', { class: 'file-path', text: file.path }),
        file.mixed ? h('span', { class: 'badge review-mixed', text: 'you edited it', attrs: { title: 'You changed lines the agent wrote; rejecting asks first' } }) : null,
      ),
      'review-file-item',
    );
    const box = h('div', { class: 'review-file' }, header);
    if (!file.binary && file.status === 'modified') {
      for (const hunk of file.hunks) box.appendChild(this.renderHunk(group, cwd, file.path, hunk));
    }
    return box;
  }

  private renderHunk(group: SessionGroup, cwd: string, path: string, hunk: ReviewHunk): HTMLElement {
    const target: ReviewTarget = {
      cwd,
      selection: { hunkIds: [hunk.id] },
      label: `${group.name}'s change at line ${hunk.newStart} of ${path}`,
      targets: [{ sessionId: group.sessionId, path }],
    };
    const pre = h('pre', { class: 'review-hunk-lines' });
    for (const line of hunkPreview(hunk)) pre.appendChild(h('div', { class: line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context', text: line }));
    return this.item(
      `h:${hunk.id}`,
      target,
      h('div', { class: 'review-hunk-head' }, h('span', { class: 'meta', text: `line ${hunk.newStart}` }), hunk.mixed ? h('span', { class: 'badge review-mixed', text: 'you edited it' }) : null),
      'review-hunk',
      pre,
    );
  }

  /** A focusable list item with its Accept / Reject buttons; A and R act on it from the keyboard. */
  private item(key: string, target: ReviewTarget, head: HTMLElement, kind: string, body?: HTMLElement): HTMLElement {
    this.targets.set(key, target);
    const what = target.label;
    const buttons = h(
      'div',
      { class: 'review-buttons' },
      button('Accept', () => void this.actions.acceptReview(target), { attrs: { 'aria-label': `Accept ${what} (A)` } }),
      button('Reject', () => void this.actions.rejectReview(target), { attrs: { 'aria-label': `Reject ${what} (R)` } }),
    );
    return h('div', { class: `review-item ${kind}`, attrs: { role: 'listitem', tabindex: '0', 'data-review-key': key, 'aria-label': what } }, h('div', { class: 'review-item-head' }, head, buttons), body);
  }

  private renderQuestion(): void {
    clear(this.question);
    const question = this.store.review.question;
    this.question.hidden = !question;
    if (!question) return;
    this.question.appendChild(h('div', { text: question.message }));
    const reject = button('Reject anyway, losing my edits', () => void this.actions.answerMixed(true), { class: 'danger' });
    this.question.appendChild(h('div', { class: 'review-buttons' }, button('Keep it', () => void this.actions.answerMixed(false), { class: 'primary' }), reject));
  }

  private renderUndo(): void {
    clear(this.undoBar);
    const decisions = this.store.review.undoable().slice(0, 5);
    this.undoBar.hidden = decisions.length === 0;
    for (const decision of decisions) {
      const verb = decision.kind === 'accept' ? 'Kept' : 'Rejected';
      this.undoBar.appendChild(
        h(
          'div',
          { class: 'review-decision' },
          h('span', { text: `${verb} ${decision.label}` }),
          button('Undo', () => void this.actions.undoReview(decision), { class: 'link-button', attrs: { 'aria-label': `Undo: ${verb} ${decision.label}` } }),
        ),
      );
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    const items = [...this.list.querySelectorAll<HTMLElement>('[data-review-key]')];
    const current = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-review-key]');
    const index = current ? items.indexOf(current) : -1;
    const key = event.key.toLowerCase();
    if (key === 'arrowdown' || key === 'j') items[Math.min(items.length - 1, index + 1)]?.focus();
    else if (key === 'arrowup' || key === 'k') items[Math.max(0, index - 1)]?.focus();
    else if ((key === 'a' || key === 'r') && current) {
      const target = this.targets.get(current.dataset.reviewKey!);
      if (target) void (key === 'a' ? this.actions.acceptReview(target) : this.actions.rejectReview(target));
    } else if (key === 'u') {
      const last = this.store.review.undoable()[0];
      if (last) void this.actions.undoReview(last);
    } else return;
    event.preventDefault();
  }
}

/** "1 file", "3 changes": words, not "file(s)" or the diff's own "hunk". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
