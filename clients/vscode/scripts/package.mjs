// Builds the VSIX offline: `vsce package --no-dependencies` (esbuild already bundled every dependency) into
// dist/maestro.vsix. The server is not included unless MAESTRO_BUNDLE_SERVER names its publish folder (tens of MB).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);

const serverDir = join(root, 'server');
rmSync(serverDir, { recursive: true, force: true });
const bundled = process.env.MAESTRO_BUNDLE_SERVER;
if (bundled) {
  // The server is framework-dependent: the executable needs the assemblies beside it, so the whole publish folder
  // (artifacts/bin) goes in. MAESTRO_BUNDLE_SERVER names that folder or the executable in it.
  if (!existsSync(bundled)) throw new Error(`MAESTRO_BUNDLE_SERVER=${bundled} does not exist`);
  const folder = statSync(bundled).isDirectory() ? bundled : dirname(bundled);
  const exe = join(folder, process.platform === 'win32' ? 'maestro.exe' : 'maestro');
  if (!existsSync(exe)) throw new Error(`${folder} holds no maestro executable; build it with ./build.sh`);
  cpSync(folder, serverDir, { recursive: true });
  chmodSync(join(serverDir, process.platform === 'win32' ? 'maestro.exe' : 'maestro'), 0o755);
  console.log(`bundling the server from ${folder}`);
}

mkdirSync(join(root, 'dist'), { recursive: true });
const out = process.env.MAESTRO_VSIX ?? join(root, 'dist', 'maestro.vsix');
run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', out]);
console.log(`wrote ${out}`);
