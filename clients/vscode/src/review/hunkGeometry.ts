import type { ReviewHunk } from '../protocol';

/** Lines removed by a hunk, shown at the line of the working file where they used to be. */
export interface RemovedBlock {
  /** 0-based line of the working file that now stands where the removed lines were (may equal lineCount at EOF). */
  anchorLine: number;
  lines: string[];
}

/** Where a hunk sits in the working file, 0-based lines, for decorations, CodeLens and "hunk at cursor". */
export interface HunkGeometry {
  hunk: ReviewHunk;
  addedLines: number[];
  removed: RemovedBlock[];
  /** The first changed line: where the CodeLens goes. */
  firstChangedLine: number;
  lastChangedLine: number;
  /** The whole hunk with its context lines. */
  startLine: number;
  endLine: number;
}

/**
 * Walks the unified diff lines of a hunk against the working file's numbering (`newStart`, 1-based). A hunk that
 * leaves no line in the new file (`newLines` 0) has `newStart` naming the line before it, as in git's output.
 */
export function hunkGeometry(hunk: ReviewHunk): HunkGeometry {
  let line = (hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart) - 1;
  const addedLines: number[] = [];
  const removed: RemovedBlock[] = [];
  let block: RemovedBlock | undefined;

  for (const text of hunk.lines) {
    const marker = text[0];
    if (marker === '\\') continue; // "\ No newline at end of file"
    if (marker === '-') {
      if (!block) {
        block = { anchorLine: line, lines: [] };
        removed.push(block);
      }
      block.lines.push(text.slice(1));
      continue;
    }
    block = undefined;
    if (marker === '+') addedLines.push(line);
    line++;
  }

  const changed = [...addedLines, ...removed.map((b) => b.anchorLine)];
  const startLine = Math.max(0, hunk.newStart - 1);
  const firstChangedLine = changed.length > 0 ? Math.min(...changed) : startLine;
  const lastChangedLine = changed.length > 0 ? Math.max(...changed) : startLine;
  return {
    hunk,
    addedLines,
    removed,
    firstChangedLine,
    lastChangedLine,
    startLine,
    endLine: Math.max(startLine, startLine + hunk.newLines - 1),
  };
}

/** The hunk a cursor on `line` means: one whose changed lines contain it, else one whose context does, else none. */
export function hunkAtLine(hunks: readonly HunkGeometry[], line: number): HunkGeometry | undefined {
  return (
    hunks.find((h) => line >= h.firstChangedLine && line <= h.lastChangedLine) ??
    hunks.find((h) => line >= h.startLine && line <= h.endLine)
  );
}
