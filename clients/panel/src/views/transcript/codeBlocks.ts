// Code blocks in messages: a light highlight (comments, strings, numbers, keywords: what tells code apart at a glance,
// in the theme's own token colours) and a Copy button. Built from the block's text as text nodes, so the server's
// html and the streaming renderer's DOM get the same treatment and nothing is parsed as HTML.
import { button, h } from '../dom';

const keywords = new Set(
  (
    'abstract as async await break case catch class const continue def default del do elif else enum export extends false final finally fn for ' +
    'from func function go if impl import in interface is let match mod module namespace new nil none null of package private protected pub ' +
    'public raise readonly return self static struct super switch this throw true try type typeof undefined use using val var void when where while with yield ' +
    'True False None echo then fi done esac local'
  ).split(' '),
);

const token = /(\/\/[^\n]*|#(?![\w{[])[^\n]*|#\s[^\n]*|\/\*[\s\S]*?\*\/|--\s[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|(\b\d[\d_.]*(?:e[+-]?\d+)?\b|\b0x[\da-f]+\b)|([A-Za-z_][\w]*)/gi;

/** Splits code into highlighted spans; plain text stays text nodes. */
export function highlight(code: HTMLElement): void {
  const text = code.textContent ?? '';
  if (code.dataset.highlighted === text) return;
  const parts = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(token)) {
    const kind = match[1] ? 'comment' : match[2] ? 'string' : match[3] ? 'number' : keywords.has(match[4]!) ? 'keyword' : undefined;
    if (!kind) continue;
    if (match.index! > last) parts.appendChild(document.createTextNode(text.slice(last, match.index)));
    parts.appendChild(h('span', { class: `tok-${kind}`, text: match[0] }));
    last = match.index! + match[0].length;
  }
  if (last < text.length) parts.appendChild(document.createTextNode(text.slice(last)));
  code.replaceChildren(parts);
  code.dataset.highlighted = text;
}

/** Highlights every `pre > code` under `root` and gives each block a Copy button. */
export function enhanceCodeBlocks(root: HTMLElement, copy: (text: string) => void): void {
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector('code') ?? pre;
    const text = code.textContent ?? '';
    highlight(code as HTMLElement);
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const wrapper = h('div', { class: 'code-block' });
    pre.replaceWith(wrapper);
    const copyButton = button('Copy', () => {
      copy(code.textContent ?? text);
      copyButton.textContent = 'Copied';
      setTimeout(() => (copyButton.textContent = 'Copy'), 1500);
    }, { class: 'copy-code', attrs: { 'aria-label': 'Copy the code', title: 'Copy the code' } });
    wrapper.append(copyButton, pre);
  }
}
