import type { RemoteStartResult } from '../protocol';

// The page of "Start Remote Access": static HTML (no script), so its CSP allows nothing but
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
<p><code>${escapeHtml(result.url)}</code></p>${expires}${result.warning ? `<p><strong>${escapeHtml(result.warning)}</strong></p>` : ''}
</body></html>`;
}
