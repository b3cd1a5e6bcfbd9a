// Builds the extension: the shared panel's bundle copied into media/panel (so the VSIX carries it), and
// src/extension.ts bundled by esbuild into out/extension.js (CommonJS, `vscode` left to the extension host).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// MAESTRO_PANEL_DIST lets a test build against another panel bundle.
const panelDist = process.env.MAESTRO_PANEL_DIST ?? join(root, '..', 'panel', 'dist');

for (const file of ['panel.js', 'panel.css']) {
  const source = join(panelDist, file);
  if (!existsSync(source)) {
    console.error(`${source} is missing: build the panel first (npm --prefix ../panel ci && npm --prefix ../panel run build).`);
    process.exit(1);
  }
  mkdirSync(join(root, 'media', 'panel'), { recursive: true });
  copyFileSync(source, join(root, 'media', 'panel', file));
}

await build({
  entryPoints: [join(root, 'src', 'extension.ts')],
  outfile: join(root, 'out', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built out/extension.js and media/panel/');
