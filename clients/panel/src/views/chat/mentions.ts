// @mentions in the panel: the same pattern as the server's (src/Maestro.Server/Chat/Mentions.cs): '@' not after a
// word character or another '@', then letters, digits, '-' and '_'. Used to complete aliases while typing and to
// highlight mentions in messages.

const mentionPattern = /(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_-]*)/g;

/** The mention being typed at the caret: where its '@' is and what follows it so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

export function mentionAt(text: string, caret: number): MentionQuery | undefined {
  const before = text.slice(0, caret);
  const match = /(?<![\w@])@([A-Za-z0-9_-]*)$/.exec(before);
  if (!match) return undefined;
  return { start: match.index, query: match[1]! };
}

/** Aliases (then "all") starting with the query, case-insensitively, in the room's order. */
export function completions(query: string, aliases: readonly string[]): string[] {
  const q = query.toLowerCase();
  return [...aliases, 'all'].filter((alias) => alias.toLowerCase().startsWith(q));
}

/** The text with the mention at `at` replaced by `@alias ` and the caret after it. */
export function applyCompletion(text: string, caret: number, at: MentionQuery, alias: string): { text: string; caret: number } {
  const inserted = `@${alias} `;
  const rest = text.slice(caret).replace(/^[A-Za-z0-9_-]*/, '').replace(/^ /, '');
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}

/**
 * Wraps each @mention in the element's text in a span (`mention`, plus `mention-unknown` for a name the room
 * does not have). Works on text nodes, so the server's sanitized html stays as it is; code is left alone.
 */
export function highlightMentions(root: HTMLElement, aliases: readonly string[]): void {
  const known = new Set([...aliases, 'all'].map((a) => a.toLowerCase()));
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.parentElement?.closest('code, pre'))) nodes.push(node as Text);
  }
  for (const node of nodes) {
    const text = node.data;
    mentionPattern.lastIndex = 0;
    if (!mentionPattern.test(text)) continue;
    mentionPattern.lastIndex = 0;
    const fragment = root.ownerDocument.createDocumentFragment();
    let from = 0;
    for (let match = mentionPattern.exec(text); match; match = mentionPattern.exec(text)) {
      fragment.appendChild(root.ownerDocument.createTextNode(text.slice(from, match.index)));
      const alias = match[1]!.replace(/[-_]+$/, '');
      const span = root.ownerDocument.createElement('span');
      span.className = known.has(alias.toLowerCase()) ? 'mention' : 'mention mention-unknown';
      span.textContent = '@' + alias;
      fragment.appendChild(span);
      from = match.index + 1 + alias.length;
      mentionPattern.lastIndex = from;
    }
    fragment.appendChild(root.ownerDocument.createTextNode(text.slice(from)));
    node.replaceWith(fragment);
  }
}
