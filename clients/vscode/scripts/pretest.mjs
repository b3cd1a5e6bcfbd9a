// Before `npm test`: install what the suites need besides node_modules (scripts/setup.sh client-tests: the server,
// the pinned agent CLIs, Chromium), build the shared panel (so the VSIX never carries a stale bundle), build the VSIX, and make
// sure code-server is installed for the end-to-end run (the install script does nothing when it already is).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const panel = join(root, '..', 'panel');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run('bash', [join(root, '..', '..', 'scripts', 'setup.sh'), 'client-tests']);
if (!existsSync(join(panel, 'node_modules'))) run(npm, ['ci', '--no-audit', '--no-fund'], panel);
run(npm, ['run', 'build'], panel);
run(process.execPath, [join(root, 'scripts', 'package.mjs')]);
// The platform VSIX of this machine with the self-contained server inside, for the install test
// (test/codeserver/install.test.ts); the server is published first when ./build.sh has not already.
if (process.platform === 'linux' && process.arch === 'x64') {
  const repo = join(root, '..', '..');
  const server = join(repo, 'artifacts', 'server', 'linux-x64');
  if (!existsSync(join(server, 'maestro'))) run('bash', [join(repo, 'scripts', 'publish-server.sh'), 'linux-x64'], repo);
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MAESTRO_VSIX_TARGET: 'linux-x64', MAESTRO_BUNDLE_SERVER: server },
  });
}
run('bash', [join(root, 'scripts', 'install-code-server.sh')]);
