// The sessions list: grouped by repository folder, a Playbook run's task sessions nested under the run's row, one
// option per session (name, status with a live spinner, agent and place, when it last moved, cost) with Archive and
// Delete at hand. Keyboard: arrows or j/k move, Home/End jump, Enter opens; roving tabindex keeps one tab stop.
import type { Run, Session } from '../../../../protocol/protocol';
import { arrangeSessions, noFilter, relativeTime, type ArrangedSessions, type SessionFilter, type SessionGroup } from '../../state/sessionGroups';
import { runProgress, runStatusText, runTitle } from '../../state/runText';
import { baseName, formatCost, isBusy, shownStatus, statusLabels } from '../format';
import { button, clear, h, setText } from '../dom';

export interface SessionsListActions {
  open(sessionId: string): void;
  archive(sessionId: string, archived: boolean): void;
  /** Deletes a closed session; called only after the user confirmed on the item. */
  remove(sessionId: string): void;
}

/** What the list shows besides the sessions themselves. */
export interface ListContext {
  /** Sessions with a pending permission: "Waiting for you". */
  waiting?: ReadonlySet<string>;
  /** hosts/list's states, for the host groups' dots. */
  hostStates?: ReadonlyMap<string, string>;
  workspaceFolders?: readonly string[];
}

interface Item {
  el: HTMLElement;
  name: HTMLElement;
  meta: HTMLElement;
  status: HTMLElement;
  cost: HTMLElement;
  archive: HTMLButtonElement;
  remove: HTMLButtonElement;
  /** While set, Delete asks "Delete?" and the next click deletes; cleared after a few seconds. */
  confirmTimer?: ReturnType<typeof setTimeout>;
}

export class SessionsList {
  readonly element: HTMLElement;
  private readonly items = new Map<string, Item>();
  private order: string[] = [];
  private layout = '';
  private selected = 0;
  private context: ListContext = {};
  constructor(private readonly actions: SessionsListActions) {
    this.element = h('div', { class: 'sessions-list', attrs: { role: 'listbox', 'aria-label': 'Sessions' } });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get selectedId(): string | undefined {
    return this.order[this.selected];
  }

  /** Renders the arrangement and returns it (the caller's empty state reads how many the filter hid). */
  render(sessions: Session[], runs: Iterable<Run> = [], filter: SessionFilter = noFilter, now = new Date(), context: ListContext = {}): ArrangedSessions {
    const arranged = arrangeSessions(sessions, runs, filter, { workspaceFolders: context.workspaceFolders });
    this.context = context;
    const { groups } = arranged;
    const ids = groups.flatMap((g) => g.entries.flatMap((e) => (e.kind === 'session' ? [e.session.id] : [])));
    for (const [id, item] of this.items) {
      if (!ids.includes(id)) {
        item.el.remove();
        this.items.delete(id);
      }
    }
    for (const group of groups) for (const entry of group.entries) if (entry.kind === 'session') this.updateItem(entry.session, entry.nested, now);
    const layout = JSON.stringify(groups.map((g) => [g.key, g.host ? this.hostState(g.host, sessions) : '', g.entries.map((e) => (e.kind === 'session' ? e.session.id : `${e.run.id}:${e.run.done}/${e.run.total}:${e.run.status}`))]));
    if (layout !== this.layout) {
      // Rebuild only when the arrangement changed: moving a focused node would drop the focus.
      const previous = this.selectedId;
      this.layout = layout;
      this.order = ids;
      this.build(groups, sessions);
      this.selected = Math.max(0, previous ? ids.indexOf(previous) : 0);
    }
    this.selected = Math.min(this.selected, Math.max(0, ids.length - 1));
    this.syncSelection(false);
    return arranged;
  }

  /** Moves keyboard focus into the list (to the selected session). */
  focus(): void {
    const id = this.selectedId;
    if (id) this.items.get(id)?.el.focus();
  }

  /** A host's state: hosts/list's when known, else offline when its sessions say so. */
  private hostState(host: string, sessions: readonly Session[]): string {
    return this.context.hostStates?.get(host) ?? (sessions.some((s) => s.host === host && s.offline) ? 'offline' : 'online');
  }

  private build(groups: SessionGroup[], sessions: readonly Session[]): void {
    clear(this.element);
    const headed = groups.length > 1 || groups.some((g) => g.host);
    let otherShown = false;
    for (const group of groups) {
      const label = group.host ? `${group.label} · ${group.host}` : group.label;
      const container = headed ? h('div', { class: 'session-group', attrs: { role: 'group', 'aria-label': label } }) : this.element;
      if (headed) {
        if (group.other && !group.host && !otherShown && groups.some((g) => !g.other)) {
          otherShown = true;
          this.element.appendChild(h('div', { class: 'session-group-section', text: 'Other repositories', attrs: { 'aria-hidden': 'true' } }));
        }
        const header = h('div', { class: 'session-group-header', attrs: { title: group.host ? `${group.folder} on ${group.host}` : group.folder, 'aria-hidden': 'true' } });
        if (group.host) {
          const state = this.hostState(group.host, sessions);
          header.appendChild(h('span', { class: `host-dot host-${state}`, attrs: { title: `${group.host}: ${state}` } }));
          header.setAttribute('title', `${group.folder} on ${group.host} (${state})`);
          container.setAttribute('aria-label', `${label}, ${state}`);
        }
        header.appendChild(h('span', { class: 'session-group-label', text: label }));
        container.appendChild(header);
        this.element.appendChild(container);
      }
      for (const entry of group.entries) {
        if (entry.kind === 'run') {
          container.appendChild(h('div', { class: 'session-run-header', attrs: { 'aria-hidden': 'true', title: entry.run.playbook } },
            h('span', { class: 'session-run-name', text: `Playbook run · ${runTitle(entry.run)}` }),
            h('span', { class: 'session-run-progress', text: `${runProgress(entry.run)} · ${runStatusText(entry.run)}` })));
        } else {
          container.appendChild(this.items.get(entry.session.id)!.el);
        }
      }
    }
  }

  private updateItem(session: Session, nested: boolean, now: Date): void {
    let item = this.items.get(session.id);
    if (!item) {
      const name = h('span', { class: 'session-name' });
      const status = h('span', { class: 'status' });
      const meta = h('span', { class: 'session-meta' });
      const cost = h('span', { class: 'session-cost' });
      const archive = button('Archive', (event) => {
        event.stopPropagation();
        const current = this.items.get(session.id);
        this.actions.archive(session.id, current?.archive.dataset.archived !== 'true');
      }, { class: 'link-button session-action' });
      const remove = button('Delete', (event) => {
        event.stopPropagation();
        this.onDelete(session.id);
      }, { class: 'link-button session-action' });
      const actions = h('span', { class: 'session-actions' }, archive, remove);
      const el = h('div', { class: 'session-item', attrs: { role: 'option', id: `session-${session.id}` } },
        h('div', { class: 'session-line' }, name, status), h('div', { class: 'session-line' }, meta, cost), actions);
      el.addEventListener('click', () => {
        this.select(this.order.indexOf(session.id), true);
        this.actions.open(session.id);
      });
      item = { el, name, meta, status, cost, archive, remove };
      this.items.set(session.id, item);
    }
    setText(item.name, session.name);
    item.name.title = session.name;
    const where = session.branch ?? baseName(session.worktree ?? session.cwd);
    const when = relativeTime(session.updatedAt, now);
    setText(item.meta, `${session.agentId} · ${where} · ${when}`);
    item.meta.title = `${session.agentId} · ${session.worktree ?? session.cwd} · updated ${new Date(session.updatedAt).toLocaleString()}`;
    const status = shownStatus(session.status, this.context.waiting?.has(session.id) ?? false);
    setText(item.status, `${statusLabels[status]}${session.archived ? ' · archived' : ''}`);
    item.status.className = `status status-${status}${isBusy(status) && status !== 'waiting' ? ' busy' : ''}`;
    item.status.title = statusLabels[status];
    setText(item.cost, formatCost(session.usage.costUsd));
    item.el.classList.toggle('nested', nested);
    item.el.classList.toggle('archived', session.archived === true);
    setText(item.archive, session.archived ? 'Unarchive' : 'Archive');
    item.archive.dataset.archived = String(session.archived === true);
    item.archive.setAttribute('aria-label', `${session.archived ? 'Unarchive' : 'Archive'} ${session.name}`);
    // Only a closed session can go: an open one still has an agent (close it first, from its header).
    item.remove.hidden = session.status !== 'closed';
    if (!item.confirmTimer) item.remove.setAttribute('aria-label', `Delete ${session.name}`);
    item.el.setAttribute('aria-label', `${session.name}, ${session.agentId}, ${statusLabels[status]}, ${when}, ${formatCost(session.usage.costUsd)}${session.archived ? ', archived' : ''}`);
  }

  /** Two steps, since a webview has no confirm(): the first click asks on the button itself, the second deletes. */
  private onDelete(sessionId: string): void {
    const item = this.items.get(sessionId);
    if (!item) return;
    if (item.confirmTimer) {
      clearTimeout(item.confirmTimer);
      item.confirmTimer = undefined;
      this.actions.remove(sessionId);
      return;
    }
    setText(item.remove, 'Delete? Click again');
    item.remove.setAttribute('aria-label', 'Click again to delete this session and its transcript');
    item.remove.classList.add('danger');
    item.confirmTimer = setTimeout(() => {
      item.confirmTimer = undefined;
      setText(item.remove, 'Delete');
      item.remove.classList.remove('danger');
    }, 4000);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLButtonElement) return;
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
        if (id) this.actions.open(id);
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
      for (const b of el.querySelectorAll('button')) b.tabIndex = selected ? 0 : -1;
      if (selected && focus) el.focus();
    });
  }
}
