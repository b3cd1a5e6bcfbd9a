// Bundles the panel into exactly dist/panel.js (an IIFE for browsers) and dist/panel.css.
// Hosts load these two files into their own page; see README.md.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const minify = !process.argv.includes('--dev');

rmSync(dist, { recursive: true, force: true });
const common = { bundle: true, minify, sourcemap: false, logLevel: 'warning', legalComments: 'none' };
await build({
  ...common,
  entryPoints: [join(root, 'src', 'main.ts')],
  outfile: join(dist, 'panel.js'),
  format: 'iife',
  platform: 'browser',
  // Chromium 100+ covers VS Code's webviews and Rider's JCEF.
  target: ['chrome100', 'safari15'],
});
await build({
  ...common,
  entryPoints: [join(root, 'src', 'styles', 'panel.css')],
  outfile: join(dist, 'panel.css'),
  target: ['chrome100', 'safari15'],
});
console.log('built dist/panel.js and dist/panel.css');
