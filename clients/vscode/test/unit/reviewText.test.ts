import { describe, expect, it } from 'vitest';
import type { ReviewHunk } from '../../src/protocol';
import { baselineText } from '../../src/review/baselineText';
import { minimalReplacement, withLineEndings } from '../../src/review/textEdit';

const hunk = (newStart: number, newLines: number, lines: string[]): ReviewHunk => ({
  id: 'h',
  oldStart: newStart,
  oldLines: lines.filter((l) => l[0] !== '+').length,
  newStart,
  newLines,
  header: '',
  lines,
  mixed: false,
});

describe('baselineText', () => {
  it('takes back every agent hunk and keeps the lines the user wrote outside them', () => {
    const working = 'a\nB\nc\nmine\nd\ne\nf\n';
    const hunks = [hunk(1, 3, [' a', '-b', '+B', ' c']), hunk(5, 3, [' d', '+e', ' f'])];
    expect(baselineText(working, hunks)).toBe('a\nb\nc\nmine\nd\nf\n');
  });

  it('gives an empty file for a file the agent created, and keeps CRLF line endings', () => {
    expect(baselineText('x\ny\n', [hunk(1, 2, ['+x', '+y'])])).toBe('');
    expect(baselineText('a\r\nB\r\n', [hunk(1, 2, [' a', '-b', '+B'])])).toBe('a\r\nb\r\n');
  });

  it('puts back lines the agent removed where newLines is 0 (git numbers the line before)', () => {
    expect(baselineText('a\nc\n', [hunk(1, 0, ['-gone'])])).toBe('a\ngone\nc\n');
  });
});

describe('minimalReplacement', () => {
  it('replaces only the changed middle, so the editor keeps the cursor and undo takes back just that', () => {
    expect(minimalReplacement('one\nTWO\nthree\n', 'one\ntwo\nthree\n')).toEqual({ start: 4, end: 7, text: 'two' });
    expect(minimalReplacement('same', 'same')).toBeUndefined();
    expect(minimalReplacement('ab', 'aXb')).toEqual({ start: 1, end: 1, text: 'X' });
  });

  it('converts the server text to the document line endings', () => {
    expect(withLineEndings('a\r\nb\n', '\n')).toBe('a\nb\n');
    expect(withLineEndings('a\nb\r\n', '\r\n')).toBe('a\r\nb\r\n');
  });
});
