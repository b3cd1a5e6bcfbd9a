import { describe, expect, it } from 'vitest';
import type { ReviewHunk } from '../../src/protocol';
import { hunkAtLine, hunkGeometry } from '../../src/review/hunkGeometry';

const hunk = (newStart: number, newLines: number, lines: string[]): ReviewHunk => ({
  id: 'h',
  oldStart: newStart,
  oldLines: lines.filter((l) => l[0] !== '+').length,
  newStart,
  newLines,
  header: '',
  mixed: false,
  lines,
});

describe('hunkGeometry', () => {
  it('places a modified line (removed + added) on the new line, with the old text anchored there', () => {
    // Lines 1-3 context, line 4 changed, lines 5-7 context: 1-based newStart 1.
    const g = hunkGeometry(hunk(1, 7, [' a', ' b', ' c', '-old', '+new', ' e', ' f', ' g']));
    expect(g.addedLines).toEqual([3]);
    expect(g.removed).toEqual([{ anchorLine: 3, lines: ['old'] }]);
    expect(g.firstChangedLine).toBe(3);
    expect([g.startLine, g.endLine]).toEqual([0, 6]);
  });

  it('anchors a pure deletion on the line that follows it', () => {
    const g = hunkGeometry(hunk(10, 6, [' a', ' b', ' c', '-x', '-y', ' d', ' e', ' f']));
    expect(g.addedLines).toEqual([]);
    expect(g.removed).toEqual([{ anchorLine: 12, lines: ['x', 'y'] }]);
    expect(g.firstChangedLine).toBe(12);
  });

  it('numbers several added runs and skips the no-newline marker', () => {
    const g = hunkGeometry(hunk(5, 6, [' a', '+b', '+c', ' d', '+e', ' f', '\\ No newline at end of file']));
    expect(g.addedLines).toEqual([5, 6, 8]);
    expect(g.lastChangedLine).toBe(8);
  });

  it('handles a file emptied entirely (newLines 0: newStart names the line before)', () => {
    const g = hunkGeometry(hunk(0, 0, ['-only line']));
    expect(g.removed).toEqual([{ anchorLine: 0, lines: ['only line'] }]);
  });

  it('a new file is all added lines from the top', () => {
    const g = hunkGeometry(hunk(1, 2, ['+one', '+two']));
    expect(g.addedLines).toEqual([0, 1]);
    expect(g.firstChangedLine).toBe(0);
  });

  it('finds the hunk at a cursor: changed lines first, then context', () => {
    const top = hunkGeometry({ ...hunk(1, 7, [' a', ' b', ' c', '+X', ' d', ' e', ' f']), id: 'top' });
    const bottom = hunkGeometry({ ...hunk(20, 7, [' a', ' b', ' c', '+Y', ' d', ' e', ' f']), id: 'bottom' });
    expect(hunkAtLine([top, bottom], 3)?.hunk.id).toBe('top');
    expect(hunkAtLine([top, bottom], 22)?.hunk.id).toBe('bottom');
    expect(hunkAtLine([top, bottom], 25)?.hunk.id).toBe('bottom');
    expect(hunkAtLine([top, bottom], 12)).toBeUndefined();
  });
});
