// Builds a VSIX offline: `vsce package --no-dependencies` (esbuild already bundled every dependency).
//   (no variables)                  the universal VSIX, dist/maestro.vsix: no server inside, it uses the
//                                   `maestro.serverPath` setting or `maestro` on PATH
//   MAESTRO_VSIX_TARGET=<target>    a platform VSIX (`vsce package --target`: linux-x64, linux-arm64, darwin-x64,
//                                   darwin-arm64, win32-x64) carrying the self-contained server of
//   MAESTRO_BUNDLE_SERVER=<folder>  that target (scripts/publish-server.sh's artifacts/server/<rid>) under
//                                   server/<target>/, where the extension's binary locator looks for it
//   MAESTRO_VSIX=<file>             where to write it (default dist/maestro.vsix, or dist/maestro-<target>.vsix)
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const targets = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

const target = process.env.MAESTRO_VSIX_TARGET;
const bundled = process.env.MAESTRO_BUNDLE_SERVER;
if (target && !targets.includes(target)) throw new Error(`MAESTRO_VSIX_TARGET=${target} is none of ${targets.join(', ')}`);
if (target && !bundled) throw new Error(`a platform VSIX (${target}) carries its server: set MAESTRO_BUNDLE_SERVER to artifacts/server/<rid>`);
if (bundled && !target) throw new Error('MAESTRO_BUNDLE_SERVER needs MAESTRO_VSIX_TARGET: the server is bundled for one platform');

run(process.execPath, [join(root, 'scripts', 'build.mjs')]);

const serverDir = join(root, 'server');
rmSync(serverDir, { recursive: true, force: true });
try {
  if (target) {
    // The server is self-contained: the executable needs the runtime and assemblies beside it, so the whole publish
    // folder goes in. MAESTRO_BUNDLE_SERVER names that folder or the executable in it.
    if (!existsSync(bundled)) throw new Error(`MAESTRO_BUNDLE_SERVER=${bundled} does not exist`);
    const folder = statSync(bundled).isDirectory() ? bundled : dirname(bundled);
    const exeName = target.startsWith('win32') ? 'maestro.exe' : 'maestro';
    if (!existsSync(join(folder, exeName))) throw new Error(`${folder} holds no ${exeName}; publish it with scripts/publish-server.sh`);
    const dest = join(serverDir, target);
    cpSync(folder, dest, { recursive: true, dereference: true });
    // A zip keeps the mode bits vsce writes; VS Code restores the executable bit of bundled binaries from them.
    if (!target.startsWith('win32')) chmodSync(join(dest, exeName), 0o755);
    console.log(`bundling the ${target} server from ${folder}`);
  }

  mkdirSync(join(root, 'dist'), { recursive: true });
  const out = process.env.MAESTRO_VSIX ?? join(root, 'dist', target ? `maestro-${target}.vsix` : 'maestro.vsix');
  const args = ['package', '--no-dependencies', '--skip-license', '--out', out];
  if (target) args.push('--target', target);
  run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ...args]);
  const mb = statSync(out).size / 1024 / 1024;
  console.log(`wrote ${out} (${mb.toFixed(1)} MB)`);
} finally {
  rmSync(serverDir, { recursive: true, force: true });
}
