// A vertically virtualized list: only the rows in view (plus overscan) are in the DOM. Rows have variable height:
// each is measured once rendered (and again when its version changes), the rest use an estimate. While the user
// is at the bottom the list sticks there as rows arrive; once they scroll up it stays where they are.
import { HeightIndex } from './heightIndex';

export interface ListSource {
  count(): number;
  /** Stable identity of a row (its DOM node is reused while key and version stay the same). */
  keyAt(index: number): number;
  versionAt(index: number): number;
  estimateAt(index: number): number;
  render(index: number): HTMLElement;
}

interface RenderedRow {
  key: number;
  version: number;
  el: HTMLElement;
  measured: boolean;
}

/** Pixels rendered beyond the viewport on each side, so fast scrolling rarely shows blank space. */
const overscan = 600;
/** Used when the container has no layout (hidden, or a DOM without layout such as happy-dom). */
const fallbackViewport = 800;

export class VirtualList {
  readonly element: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly windowEl: HTMLDivElement;
  private readonly heights = new HeightIndex();
  private readonly rendered = new Map<number, RenderedRow>();
  private stickToBottom = true;
  private lastScrollTop = 0;

  constructor(private readonly source: ListSource, private readonly requestUpdate: () => void, label: string) {
    this.element = document.createElement('div');
    this.element.className = 'vlist';
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'log');
    this.element.setAttribute('aria-label', label);
    this.spacer = document.createElement('div');
    this.spacer.className = 'vlist-spacer';
    this.windowEl = document.createElement('div');
    this.windowEl.className = 'vlist-window';
    this.spacer.appendChild(this.windowEl);
    this.element.appendChild(this.spacer);
    this.element.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // <details> rows change height when toggled: measure again.
    this.element.addEventListener('toggle', () => this.remeasure(), true);
  }

  /** Rows currently in the DOM (for tests and diagnostics). */
  get renderedCount(): number {
    return this.rendered.size;
  }

  get isStuckToBottom(): boolean {
    return this.stickToBottom;
  }

  /** Rendered rows are measured again on the next update (after a resize or a row opened). */
  remeasure(): void {
    for (const row of this.rendered.values()) row.measured = false;
    this.requestUpdate();
  }

  scrollToBottom(): void {
    this.stickToBottom = true;
    this.requestUpdate();
  }

  /** Renders the visible window. Called once per animation frame at most (see FrameScheduler). */
  update(): void {
    this.heights.resize(this.source.count(), (i) => this.source.estimateAt(i));
    // Two passes at most: measuring rows may change which rows are visible.
    for (let pass = 0; pass < 2; pass++) {
      if (!this.renderWindow()) break;
    }
    this.spacer.style.height = `${this.heights.total()}px`;
    if (this.stickToBottom) this.scrollTo(Math.max(0, this.heights.total() - this.viewportHeight()));
  }

  private viewportHeight(): number {
    return this.element.clientHeight || fallbackViewport;
  }

  /** Returns whether a measured height changed (then the window may need another pass). */
  private renderWindow(): boolean {
    const count = this.heights.count;
    const viewport = this.viewportHeight();
    const top = this.stickToBottom ? Math.max(0, this.heights.total() - viewport) : this.element.scrollTop;
    const start = count === 0 ? 0 : this.heights.indexAt(Math.max(0, top - overscan));
    const end = count === 0 ? 0 : Math.min(count, this.heights.indexAt(top + viewport + overscan) + 1);

    for (const [index, row] of this.rendered) {
      if (index < start || index >= end || row.key !== this.source.keyAt(index)) {
        row.el.remove();
        this.rendered.delete(index);
      }
    }
    let previous: HTMLElement | null = null;
    for (let index = start; index < end; index++) {
      const key = this.source.keyAt(index);
      const version = this.source.versionAt(index);
      let row = this.rendered.get(index);
      if (!row || row.version !== version) {
        const el = this.source.render(index);
        el.dataset.index = String(index);
        if (row) row.el.replaceWith(el);
        row = { key, version, el, measured: false };
        this.rendered.set(index, row);
      }
      const expectedNext: ChildNode | null = previous ? previous.nextSibling : this.windowEl.firstChild;
      if (expectedNext !== row.el) this.windowEl.insertBefore(row.el, expectedNext);
      previous = row.el;
    }
    this.windowEl.style.transform = `translateY(${this.heights.offsetOf(start)}px)`;

    let changed = false;
    for (const [index, row] of this.rendered) {
      if (row.measured) continue;
      const height = row.el.offsetHeight;
      // No layout (height 0) keeps the estimate rather than collapsing the row.
      if (height > 0) {
        row.measured = true;
        if (this.heights.set(index, height)) changed = true;
      }
    }
    return changed;
  }

  private scrollTo(top: number): void {
    if (Math.abs(this.element.scrollTop - top) < 1) return;
    this.element.scrollTop = top;
    this.lastScrollTop = this.element.scrollTop;
  }

  private onScroll(): void {
    const scrollTop = this.element.scrollTop;
    const atBottom = scrollTop + this.viewportHeight() >= this.heights.total() - 8;
    // Only a scroll up by the user leaves the bottom; our own scrolls and a return to the bottom keep/restore it.
    if (atBottom) this.stickToBottom = true;
    else if (scrollTop < this.lastScrollTop) this.stickToBottom = false;
    this.lastScrollTop = scrollTop;
    this.requestUpdate();
  }
}
