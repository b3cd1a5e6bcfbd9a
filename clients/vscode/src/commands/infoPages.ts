import type { RemoteStartResult, StatsResult, StatsTotals } from '../protocol';

// The pages of "Start Remote Access" and "Show Stats": static HTML (no script), so their CSP allows nothing but
// inline-free styles and data: images.

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;">`;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The QR code as an <img> of a data: URL, so the SVG from the server is never inlined into the page's DOM. */
export function remoteHtml(result: RemoteStartResult): string {
  const qr = `data:image/svg+xml;base64,${Buffer.from(result.qrSvg, 'utf8').toString('base64')}`;
  const expires = result.expiresAt ? `<p>Expires ${escapeHtml(result.expiresAt)}</p>` : '';
  return `<!DOCTYPE html><html><head>${csp}<title>Maestro remote</title></head><body>
<h2>Open Maestro on your phone</h2>
<p><img alt="QR code of the remote URL" width="280" height="280" src="${qr}"></p>
<p><code>${escapeHtml(result.url)}</code></p>${expires}
</body></html>`;
}

const totalsRows = (t: StatsTotals): string =>
  [
    ['Sessions', t.sessions],
    ['Turns', t.turns],
    ['Runtime', `${Math.round(t.runtimeMs / 1000)} s`],
    ['Input tokens', t.inputTokens],
    ['Output tokens', t.outputTokens],
    ['Cost', `$${t.costUsd.toFixed(2)}`],
    ['Tasks done', t.tasksDone],
  ]
    .map(([k, v]) => `<tr><th>${escapeHtml(String(k))}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join('');

/** stats/get with groupBy agent, as a plain page (the panel's Stats view with charts has not landed). */
export function statsHtml(stats: StatsResult): string {
  const byAgent = stats.groups.map((g) => `<h3>${escapeHtml(g.key)}</h3><table>${totalsRows(g.totals)}</table>`).join('');
  return `<!DOCTYPE html><html><head>${csp}<title>Maestro stats</title></head><body>
<h2>Totals</h2><table>${totalsRows(stats.totals)}</table>
${byAgent}
</body></html>`;
}
