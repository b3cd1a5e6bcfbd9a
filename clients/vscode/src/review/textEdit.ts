/** One replacement, as character offsets into the current text: what turns it into the next text. */
export interface TextReplacement {
  start: number;
  end: number;
  text: string;
}

/**
 * The smallest single replacement (common prefix and suffix kept) that turns `current` into `next`, or undefined
 * when they are equal. Applying only the changed middle keeps the cursor, folds and the rest of the editor's undo
 * history where they were, and makes the editor's undo take back exactly the review decision.
 */
export function minimalReplacement(current: string, next: string): TextReplacement | undefined {
  if (current === next) return undefined;
  let prefix = 0;
  const shortest = Math.min(current.length, next.length);
  while (prefix < shortest && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start: prefix, end: current.length - suffix, text: next.slice(prefix, next.length - suffix) };
}

/** The server's text in the document's own line endings (an editor holds one kind; VS Code converts on load). */
export function withLineEndings(text: string, eol: '\n' | '\r\n'): string {
  const normalized = text.replace(/\r\n/g, '\n');
  return eol === '\n' ? normalized : normalized.replace(/\n/g, '\r\n');
}
