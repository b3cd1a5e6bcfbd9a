import { describe, expect, it } from 'vitest';
import { createNonce, panelHtml } from '../../src/panel/panelHtml';
import { describeError, isStaleHunk } from '../../src/util/rpcError';
import { remoteHtml } from '../../src/commands/infoPages';

describe('panelHtml', () => {
  const html = panelHtml({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/panel.js', styleUri: 'https://webview.example/panel.css', nonce: 'abc123' });

  it('has a strict CSP: only the nonce script, resources from the webview source', () => {
    const csp = /content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe("default-src 'none'; script-src 'nonce-abc123'; style-src https://webview.example; img-src https://webview.example data:; font-src https://webview.example");
  });

  it('loads the panel bundle with the nonce into #maestro-root, and no inline script', () => {
    expect(html).toContain('<script nonce="abc123" src="https://webview.example/panel.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="https://webview.example/panel.css">');
    expect(html).toContain('<div id="maestro-root"></div>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('makes a fresh random nonce each time', () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});

describe('error wording', () => {
  it('says a feature that has not landed is not available yet, naming it', () => {
    expect(describeError({ code: -32601, message: 'x', data: { kind: 'FeatureNotLanded', feature: 'Remote access' } })).toBe('Remote access is not available yet in this Maestro server.');
    expect(isStaleHunk({ code: -32014, message: 'stale' })).toBe(true);
    expect(describeError(new Error('boom'))).toBe('boom');
  });

  it('never inlines the server SVG into the remote page', () => {
    const page = remoteHtml({ url: 'http://127.0.0.1:1/?t=<x>', qrSvg: '<svg onload="alert(1)"></svg>', port: 1, host: '127.0.0.1', alreadyRunning: false });
    expect(page).not.toContain('onload');
    expect(page).toContain('data:image/svg+xml;base64,');
    expect(page).toContain('&lt;x&gt;');
  });
});
