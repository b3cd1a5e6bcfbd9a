// Measures run inside a page (page.evaluate): each function is self-contained, since Playwright sends its source to
// the page. Shared by the panel's theme test (plain Chromium) and the VS Code extension's theme test in code-server's
// real webview (clients/vscode/test/codeserver).

export interface Measure { what: string; ratio: number }

/** In the page: contrast ratios of the given elements' text (and outline) against what is painted behind them. */
export function measureContrast(targets: { selector: string; what: string; border?: boolean; all?: boolean }[]): { text: Measure[]; borders: Measure[]; missing: string[] } {
  type RGBA = [number, number, number, number];
  const parse = (value: string): RGBA => {
    const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)/.exec(value);
    if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
    const rgb = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)/.exec(value);
    if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
    throw new Error(`cannot read colour ${value}`);
  };
  const over = (top: RGBA, bottom: RGBA): RGBA => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const behind = (el: Element | null): RGBA => {
    const layers: RGBA[] = [];
    for (let node = el; node; node = node.parentElement) layers.push(parse(getComputedStyle(node).backgroundColor));
    layers.push(parse(getComputedStyle(document.documentElement).backgroundColor), [255, 255, 255, 1]);
    return layers.reduceRight((below, layer) => over(layer, below));
  };
  const luminance = ([r, g, b]: RGBA) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100;
  };
  const text: Measure[] = [];
  const borders: Measure[] = [];
  const missing: string[] = [];
  for (const target of targets) {
    const found = target.all ? [...document.querySelectorAll(target.selector)] : [document.querySelector(target.selector)].filter(Boolean);
    if (found.length === 0) missing.push(target.selector);
    for (const el of found as Element[]) {
      const style = getComputedStyle(el);
      const background = behind(el);
      text.push({ what: `${target.what} “${el.textContent?.trim().slice(0, 24)}”`, ratio: ratio(over(parse(style.color), background), background) });
      if (target.border) {
        // The outline against what surrounds the element (its parent's background).
        const around = behind(el.parentElement);
        borders.push({ what: `${target.what} outline`, ratio: ratio(over(parse(style.borderTopColor), around), around) });
      }
    }
  }
  return { text, borders, missing };
}

/**
 * In the page: visible text under 11 px, one-letter-per-line wrapping, truncated text without a tooltip, and text
 * crushed by its neighbours to a few pixels (an ellipsis with nothing before it: a file name squeezed out of its row).
 */
export function measureText(): { small: string[]; letterWrapped: string[]; untitled: string[]; crushed: string[] } {
  const crushed: string[] = [];
  const small: string[] = [];
  const letterWrapped: string[] = [];
  const untitled: string[] = [];
  const root = document.getElementById('maestro-root')!;
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
    if (!own || el.closest('[hidden]') || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const label = `${el.tagName.toLowerCase()}.${el.className} “${own.slice(0, 20)}”`;
    if (parseFloat(style.fontSize) < 11) small.push(`${label} ${style.fontSize}`);
    // One letter per line: a text node of the element's own laid out on about as many lines as it has letters (each
    // node apart: "Wrote **a.txt**." wrapping after "Wrote" puts the node "." on a line of its own, which is fine).
    for (const node of el.childNodes) {
      const nodeText = node.textContent?.trim() ?? '';
      if (node.nodeType !== Node.TEXT_NODE || !nodeText) continue;
      const tops = new Set<number>();
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      const lines = tops.size;
      if (lines > 1 && nodeText.length / lines < 4 && el.tagName !== 'TEXTAREA') letterWrapped.push(`${label} on ${lines} lines`);
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !el.closest('[title]') && !el.closest('[aria-label]')) untitled.push(label);
    if (style.textOverflow === 'ellipsis' && own.length > 3 && el.scrollWidth > el.clientWidth + 1 && el.clientWidth < 3 * parseFloat(style.fontSize)) crushed.push(`${label} ${el.clientWidth} px wide`);
  }
  return { small, letterWrapped, untitled, crushed };
}
