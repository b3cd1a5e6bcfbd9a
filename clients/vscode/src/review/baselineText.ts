import type { ReviewHunk } from '../protocol';

/**
 * The file as it was before the agents' hunks: the working text with each hunk's lines (at `newStart`, where the
 * server placed them in the working file) put back to the hunk's old side. The server has no call that returns
 * baseline blobs, and the hunks say everything the agent changed, so this is the agent's baseline with the user's own
 * later edits kept (which is what a review diff should show: only what the agent did). Hunks the user edited since
 * (mixed) are reverted as the agent wrote them, so their side of the diff is approximate.
 */
export function baselineText(working: string, hunks: readonly ReviewHunk[]): string {
  const eol = working.includes('\r\n') ? '\r\n' : '\n';
  const lines = working.split(/\r?\n/);
  const endsWithNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();

  // Bottom up, so the line numbers of the hunks above stay right.
  const ordered = [...hunks].sort((a, b) => b.newStart - a.newStart);
  for (const hunk of ordered) {
    const oldSide = hunk.lines.filter((l) => l.startsWith(' ') || l.startsWith('-')).map((l) => l.slice(1));
    const start = hunk.newLines === 0 ? hunk.newStart : hunk.newStart - 1;
    lines.splice(Math.max(0, start), hunk.newLines, ...oldSide);
  }
  return lines.length === 0 ? '' : lines.join(eol) + (endsWithNewline ? eol : '');
}
