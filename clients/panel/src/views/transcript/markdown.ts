// Markdown for a message still streaming, built as DOM nodes (never HTML strings: the webviews' CSP and the agent's
// text are both untrusted ground). The server renders the final message (Markdig, raw HTML escaped); until it arrives
// this renders the text so far the same way, so a reply does not jump from plain text to formatted when it ends.
// What agents write: headings, paragraphs, lists, quotes, fenced code (an unclosed fence is code so far), GFM tables,
// rules, and inline code, bold, italic, links. Anything else stays text.
import { h } from '../dom';

export function renderMarkdown(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) out.appendChild(inline('p', paragraph.join('\n')));
    paragraph = [];
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^ {0,3}(```+|~~~+)\s*([\w#+.-]*)/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      const code = h('code', { text: body.join('\n') });
      if (fence[2]) code.className = `language-${fence[2]}`;
      out.appendChild(h('pre', {}, code));
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      out.appendChild(inline(`h${heading[1]!.length}` as 'h1', heading[2]!));
      i++;
      continue;
    }
    if (/^ {0,3}([-*_])( *\1){2,}\s*$/.test(line)) {
      flush();
      out.appendChild(h('hr'));
      i++;
      continue;
    }
    if (isTableStart(lines, i)) {
      flush();
      const head = cells(line);
      const table = h('table', {}, h('thead', {}, h('tr', {}, ...head.map((c) => inline('th', c)))));
      const body = h('tbody');
      i += 2;
      while (i < lines.length && lines[i]!.includes('|') && lines[i]!.trim()) body.appendChild(h('tr', {}, ...cells(lines[i++]!).map((c) => inline('td', c))));
      table.appendChild(body);
      out.appendChild(table);
      continue;
    }
    const item = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      const ordered = /\d/.test(item[1]![0]!);
      const list = h(ordered ? 'ol' : 'ul');
      while (i < lines.length) {
        const next = /^ {0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/.exec(lines[i]!);
        if (next && /\d/.test(next[1]![0]!) === ordered) {
          list.appendChild(inline('li', next[2]!));
          i++;
        } else if (lines[i]!.startsWith('  ') && lines[i]!.trim() && list.lastChild) {
          // A continuation line of the item (or a nested item, shown flat).
          list.lastChild.appendChild(document.createTextNode(' '));
          list.lastChild.appendChild(inline('span', lines[i]!.trim()));
          i++;
        } else break;
      }
      out.appendChild(list);
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^ {0,3}> ?/, ''));
      const quote = h('blockquote');
      quote.appendChild(renderMarkdown(quoted.join('\n')));
      out.appendChild(quote);
      continue;
    }
    if (!line.trim()) flush();
    else paragraph.push(line);
    i++;
  }
  flush();
  return out;
}

function isTableStart(lines: string[], i: number): boolean {
  const next = lines[i + 1];
  return lines[i]!.includes('|') && next !== undefined && /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(next);
}

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** Inline markdown into an element: `code`, **bold**, *italic* / _italic_, [links](url) with safe URLs only. */
export function inline<K extends keyof HTMLElementTagNameMap>(tag: K, text: string): HTMLElementTagNameMap[K] {
  const el = h(tag);
  appendInline(el, text);
  return el;
}

const inlinePattern = /(`+)([^`]+?)\1|\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)|\[([^\]]+)\]\(([^)\s]+)\)/g;

function appendInline(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    if (match.index! > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    last = match.index! + match[0].length;
    if (match[2] !== undefined) parent.appendChild(h('code', { text: match[2] }));
    else if (match[3] !== undefined || match[4] !== undefined) parent.appendChild(inline('strong', (match[3] ?? match[4])!));
    else if (match[5] !== undefined || match[6] !== undefined) parent.appendChild(inline('em', (match[5] ?? match[6])!));
    else if (match[7] !== undefined) {
      const url = match[8]!;
      parent.appendChild(safeUrl(url) ? h('a', { text: match[7], attrs: { href: url } }) : document.createTextNode(match[7]));
    }
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

/** As the server's renderer: http(s), mailto and relative links; no javascript: or data:. */
function safeUrl(url: string): boolean {
  const colon = url.indexOf(':');
  const slash = url.search(/[/?#]/);
  if (colon < 0 || (slash >= 0 && slash < colon)) return true;
  return /^(https?|mailto):/i.test(url);
}
