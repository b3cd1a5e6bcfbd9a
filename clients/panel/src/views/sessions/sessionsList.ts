// The sessions list: one option per session (agent, name, branch, status with a live spinner, cost).
// Keyboard: arrows or j/k move, Home/End jump, Enter opens; roving tabindex keeps one tab stop for the list.
import type { Session } from '../../../../protocol/protocol';
import { baseName, formatCost, isBusy, statusLabels } from '../format';
import { h, setText } from '../dom';

interface Item {
  el: HTMLElement;
  name: HTMLElement;
  meta: HTMLElement;
  status: HTMLElement;
  cost: HTMLElement;
}

export class SessionsList {
  readonly element: HTMLElement;
  private readonly items = new Map<string, Item>();
  private order: string[] = [];
  private selected = 0;

  constructor(private readonly open: (sessionId: string) => void) {
    this.element = h('div', { class: 'sessions-list', attrs: { role: 'listbox', 'aria-label': 'Sessions' } });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get selectedId(): string | undefined {
    return this.order[this.selected];
  }

  render(sessions: Session[]): void {
    const ids = sessions.map((s) => s.id);
    for (const [id, item] of this.items) {
      if (!ids.includes(id)) {
        item.el.remove();
        this.items.delete(id);
      }
    }
    for (const session of sessions) this.updateItem(session);
    if (ids.join() !== this.order.join()) {
      // Reorder only when the order changed: moving a focused node would drop the focus.
      const previous = this.selectedId;
      this.order = ids;
      for (const id of ids) this.element.appendChild(this.items.get(id)!.el);
      this.selected = Math.max(0, previous ? ids.indexOf(previous) : 0);
    }
    this.selected = Math.min(this.selected, Math.max(0, ids.length - 1));
    this.syncSelection(false);
  }

  /** Moves keyboard focus into the list (to the selected session). */
  focus(): void {
    const id = this.selectedId;
    if (id) this.items.get(id)?.el.focus();
  }

  private updateItem(session: Session): void {
    let item = this.items.get(session.id);
    if (!item) {
      const name = h('span', { class: 'session-name' });
      const status = h('span', { class: 'status' });
      const meta = h('span', { class: 'session-meta' });
      const cost = h('span', { class: 'session-cost' });
      const el = h('div', { class: 'session-item', attrs: { role: 'option', id: `session-${session.id}` } }, h('div', { class: 'session-line' }, name, status), h('div', { class: 'session-line' }, meta, cost));
      el.addEventListener('click', () => {
        this.select(this.order.indexOf(session.id), true);
        this.open(session.id);
      });
      item = { el, name, meta, status, cost };
      this.items.set(session.id, item);
    }
    setText(item.name, session.name);
    const where = session.branch ?? baseName(session.worktree ?? session.cwd);
    setText(item.meta, `${session.agentId} · ${where}`);
    setText(item.status, statusLabels[session.status]);
    item.status.className = `status status-${session.status}${isBusy(session.status) ? ' busy' : ''}`;
    setText(item.cost, formatCost(session.usage.costUsd));
    item.el.setAttribute('aria-label', `${session.name}, ${session.agentId}, ${statusLabels[session.status]}, ${formatCost(session.usage.costUsd)}`);
  }

  private onKey(event: KeyboardEvent): void {
    const last = this.order.length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        this.select(Math.min(last, this.selected + 1), true);
        break;
      case 'ArrowUp':
      case 'k':
        this.select(Math.max(0, this.selected - 1), true);
        break;
      case 'Home':
        this.select(0, true);
        break;
      case 'End':
        this.select(last, true);
        break;
      case 'Enter':
      case ' ': {
        const id = this.selectedId;
        if (id) this.open(id);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  }

  private select(index: number, focus: boolean): void {
    if (index < 0) return;
    this.selected = index;
    this.syncSelection(focus);
  }

  private syncSelection(focus: boolean): void {
    this.order.forEach((id, index) => {
      const el = this.items.get(id)!.el;
      const selected = index === this.selected;
      el.tabIndex = selected ? 0 : -1;
      el.setAttribute('aria-selected', String(selected));
      if (selected && focus) el.focus();
    });
  }
}
