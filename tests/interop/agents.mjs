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

const baseEnv = (sandbox) => ({
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: sandbox.home,
  TMPDIR: sandbox.tmp,
  XDG_CONFIG_HOME: join(sandbox.home, '.config'),
  XDG_DATA_HOME: join(sandbox.home, '.local', 'share'),
  XDG_CACHE_HOME: join(sandbox.home, '.cache'),
});

const claudeEnv = (sandbox, modelUrl) => ({
  ...baseEnv(sandbox),
  ANTHROPIC_BASE_URL: modelUrl,
  ANTHROPIC_API_KEY: 'test-key',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
  IS_SANDBOX: '1',
});

/**
 * How each agent is pointed at the scripted model server, and which of its tools writes a file.
 * Mirrors tests/Maestro.TestSupport/Agents/*Cli.cs; docs/agents.md explains each setting.
 */
export const agents = {
  'claude-code': {
    permissionMode: 'bypass',
    configure: (sandbox, modelUrl) => ({ path: agentCli('claude'), env: claudeEnv(sandbox, modelUrl) }),
    writeStep: (file, content) => ({ tool: 'Write', args: { file_path: file, content } }),
  },
  codex: {
    permissionMode: 'acceptEdits',
    configure: (sandbox, modelUrl) => {
      const codexHome = join(sandbox.home, '.codex');
      mkdirSync(codexHome, { recursive: true });
      writeFileSync(join(codexHome, 'config.toml'), [
        'model = "mock-model"', 'model_provider = "mock"', '[analytics]', 'enabled = false',
        '[model_providers.mock]', 'name = "Maestro mock"', `base_url = "${modelUrl}/v1"`, 'wire_api = "responses"',
        'env_key = "MAESTRO_MOCK_API_KEY"', 'request_max_retries = 0', 'stream_max_retries = 0', 'stream_idle_timeout_ms = 30000', '',
      ].join('\n'));
      return { path: agentCli('codex'), env: { ...baseEnv(sandbox), CODEX_HOME: codexHome, MAESTRO_MOCK_API_KEY: 'test-key' } };
    },
    writeStep: (file, content) => ({ tool: 'exec_command', args: { cmd: `printf '${content.replaceAll('\n', '\\n')}' > ${file}` } }),
  },
  opencode: {
    permissionMode: 'acceptEdits',
    configure: (sandbox, modelUrl) => {
      const config = join(sandbox.root, 'opencode.json');
      writeFileSync(config, JSON.stringify({
        model: 'mock/mock-model', autoupdate: false, share: 'disabled', permission: { edit: 'allow', bash: 'allow' },
        provider: { mock: { npm: '@ai-sdk/openai-compatible', name: 'Maestro mock', options: { baseURL: modelUrl + '/v1', apiKey: 'test-key' }, models: { 'mock-model': { name: 'Mock model' } } } },
      }));
      return {
        path: agentCli('opencode'),
        env: { ...baseEnv(sandbox), OPENCODE_CONFIG: config, OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: '1' },
      };
    },
    writeStep: (file, content) => ({ tool: 'write', args: { filePath: file, content } }),
  },
  'acp:claude': {
    permissionMode: 'ask',
    configure: (sandbox, modelUrl) => ({ path: agentCli('claude-agent-acp'), env: claudeEnv(sandbox, modelUrl) }),
    writeStep: (file, content) => ({ tool: 'Write', args: { file_path: file, content } }),
  },
};

/** Writes $MAESTRO_HOME/settings.json so the daemon runs the agent from tools/agents in the sandbox. */
export function configureAgent(maestroHome, agentId, sandbox, modelUrl) {
  const settings = { agents: { [agentId]: agents[agentId].configure(sandbox, modelUrl) } };
  writeFileSync(join(maestroHome, 'settings.json'), JSON.stringify(settings));
}

/** Writes $MAESTRO_HOME/settings.json with several agents from tools/agents, all in one sandbox (a group chat's participants). */
export function configureAgents(maestroHome, agentIds, sandbox, modelUrl) {
  const settings = { agents: Object.fromEntries(agentIds.map((id) => [id, agents[id].configure(sandbox, modelUrl)])) };
  writeFileSync(join(maestroHome, 'settings.json'), JSON.stringify(settings));
}
