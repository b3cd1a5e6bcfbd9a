import { randomBytes } from 'node:crypto';

export interface PanelHtmlInputs {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

/** A fresh nonce per page: 128 random bits, base64 (CSP accepts base64 nonces). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The webview page hosting the shared panel: nothing but the bundle and its stylesheet, under a CSP that allows
 * only our nonce'd script and resources from the extension's panel folder (no inline code, no remote content).
 */
export function panelHtml(inputs: PanelHtmlInputs): string {
  const nonce = inputs.nonce ?? createNonce();
  const csp = [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${inputs.cspSource}`,
    `img-src ${inputs.cspSource} data:`,
    `font-src ${inputs.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(inputs.styleUri)}">
<title>Maestro</title>
</head>
<body>
<div id="maestro-root"></div>
<script nonce="${nonce}" src="${escapeAttribute(inputs.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
