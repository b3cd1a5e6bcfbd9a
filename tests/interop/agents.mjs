// The real agent CLIs and the scripted model server, for interop tests that run real sessions.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function agentCli(name) {
  const path = join(repoRoot, 'tools', 'agents', 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run tools/agents/install.sh`);
  return path;
}

/** Starts the scripted model server process (tests/Maestro.ModelServerHost) and returns its URLs and a control client. */
export async function startModelServer() {
  const candidates = [
    process.env.MAESTRO_MODEL_SERVER,
    join(repoRoot, 'tests', 'Maestro.ModelServerHost', 'bin', 'Release', 'net10.0', 'maestro-model-server'),
    join(repoRoot, 'tests', 'Maestro.ModelServerHost', 'bin', 'Debug', 'net10.0', 'maestro-model-server'),
  ].filter(Boolean);
  const exe = candidates.find((p) => existsSync(p));
  if (!exe) throw new Error(`the scripted model server is not built; looked in ${candidates.join(', ')}`);
  const child = spawn(exe, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  const { modelUrl, controlUrl } = JSON.parse(first);
  const post = async (path, body) => {
    const response = await fetch(controlUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
  };
  return {
    modelUrl,
    enqueueTurn: (steps) => post('/turns', { steps }),
    setFault: (fault) => post('/fault', fault),
    requests: async () => (await fetch(controlUrl + '/requests')).json(),
    stop: () => { child.stdin.end(); child.kill(); },
  };
}

/** A sandbox for one agent: HOME, TMPDIR and a git repository with one commit. */
export function agentSandbox() {
  const root = mkdtempSync(join(tmpdir(), 'ms-'));
  const sandbox = { root, home: join(root, 'home'), tmp: join(root, 'tmp'), repo: join(root, 'repo') };
  for (const dir of [sandbox.home, sandbox.tmp, sandbox.repo]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(sandbox.repo, 'README.md'), '# sandbox\n');
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: sandbox.repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', 'README.md');
  git('commit', '-q', '-m', 'init');
  sandbox.dispose = () => rmSync(root, { recursive: true, force: true });
  return sandbox;
}

/** Writes $MAESTRO_HOME/settings.json so the daemon runs Claude Code from tools/agents in the sandbox. */
export function configureClaude(maestroHome, sandbox, modelUrl) {
  const settings = {
    agents: {
      'claude-code': {
        path: agentCli('claude'),
        env: {
          PATH: '/usr/local/bin:/usr/bin:/bin',
          HOME: sandbox.home,
          TMPDIR: sandbox.tmp,
          ANTHROPIC_BASE_URL: modelUrl,
          ANTHROPIC_API_KEY: 'test-key',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
          IS_SANDBOX: '1',
        },
      },
    },
  };
  writeFileSync(join(maestroHome, 'settings.json'), JSON.stringify(settings));
}
