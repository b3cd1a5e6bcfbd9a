// A tiny http server for the browser tests: the dev page (with a fresh nonce in its CSP) and the built bundle.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const panelRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/' || path === '/index.html') {
      const nonce = randomBytes(16).toString('base64');
      const html = readFileSync(join(panelRoot, 'dev', 'index.html'), 'utf8').replaceAll('{{nonce}}', nonce);
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // The same policy as the page's meta tag, as a header too: the stricter of both applies.
        'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'`,
      });
      response.end(html);
      return;
    }
    if (path === '/dist/panel.js' || path === '/dist/panel.css') {
      try {
        const body = readFileSync(join(panelRoot, path));
        response.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))]! });
        response.end(body);
      } catch {
        response.writeHead(500).end('dist is missing: run npm run build');
      }
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
