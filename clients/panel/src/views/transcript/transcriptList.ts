// The virtualized transcript of one session, fed from its Transcript rows.
import type { Transcript } from '../../state/transcript';
import { estimateHeight, renderRow, type RowContext } from './rowRenderer';
import { VirtualList } from './virtualList';

export class TranscriptList {
  readonly list: VirtualList;
  private readonly expanded = new Set<number>();
  private renderedRevision = -1;

  constructor(private readonly transcript: Transcript, context: Omit<RowContext, 'isExpanded' | 'setExpanded'>, requestUpdate: () => void) {
    const rowContext: RowContext = {
      ...context,
      isExpanded: (key) => this.expanded.has(key),
      setExpanded: (key, open) => (open ? this.expanded.add(key) : this.expanded.delete(key)),
    };
    const rows = transcript.rows;
    this.list = new VirtualList(
      {
        count: () => rows.length,
        keyAt: (i) => rows[i]!.key,
        versionAt: (i) => rows[i]!.version,
        estimateAt: (i) => estimateHeight(rows[i]!),
        render: (i) => renderRow(rows[i]!, rowContext),
      },
      requestUpdate,
      'Transcript',
    );
  }

  get element(): HTMLElement {
    return this.list.element;
  }

  update(): void {
    this.renderedRevision = this.transcript.revision;
    this.list.update();
  }

  get isCurrent(): boolean {
    return this.renderedRevision === this.transcript.revision;
  }
}
