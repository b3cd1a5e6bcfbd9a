// The virtualized transcript of one session, fed from its Transcript rows.
import type { Transcript } from '../../state/transcript';
import { estimateHeight, renderRow, type RowContext } from './rowRenderer';
import { VirtualList } from './virtualList';

export class TranscriptList {
  readonly list: VirtualList;
  private readonly expanded = new Set<number>();
  private renderedRevision = -1;

  constructor(
    private readonly transcript: Transcript,
    context: Omit<RowContext, 'isExpanded' | 'setExpanded'> & { reviewRevision?(): number },
    requestUpdate: () => void,
  ) {
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
        // A file-change row also shows its review outcome: redraw it when the review moves on.
        versionAt: (i) => (rows[i]!.kind === 'fileChange' ? rows[i]!.version * 100000 + (context.reviewRevision?.() ?? 0) % 100000 : rows[i]!.version),
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
