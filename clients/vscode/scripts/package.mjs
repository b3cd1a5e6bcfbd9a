// Builds the VSIX offline: `vsce package --no-dependencies` (esbuild already bundled every dependency) into
// dist/maestro.vsix. The server binary is not included unless MAESTRO_BUNDLE_SERVER names one (it is 100+ MB).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);

const serverDir = join(root, 'server');
rmSync(serverDir, { recursive: true, force: true });
const bundled = process.env.MAESTRO_BUNDLE_SERVER;
if (bundled) {
  if (!existsSync(bundled)) throw new Error(`MAESTRO_BUNDLE_SERVER=${bundled} does not exist`);
  mkdirSync(serverDir);
  const target = join(serverDir, process.platform === 'win32' ? 'maestro.exe' : 'maestro');
  copyFileSync(bundled, target);
  chmodSync(target, 0o755);
  console.log(`bundling the server from ${bundled}`);
}

mkdirSync(join(root, 'dist'), { recursive: true });
const out = process.env.MAESTRO_VSIX ?? join(root, 'dist', 'maestro.vsix');
run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', out]);
console.log(`wrote ${out}`);
