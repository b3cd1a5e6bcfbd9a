// A real OpenSSH server on 127.0.0.1 and a free port for the hosts scenario, as tests/Maestro.TestSupport/Ssh/
// LoopbackSshd.cs starts it (the minimum of it): Debian's sshd with a temp host key and a temp authorized key, a
// "remote" HOME and PATH of its own (SetEnv), never port 22, nothing beyond loopback; and a client config (-F) with
// host key checking on and the host's key in its known_hosts, so nothing touches ~/.ssh.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface LoopbackSshd {
  /** The client config to give ssh (`MAESTRO_SSH_CONFIG`); its alias `loopback` is this server. */
  clientConfig: string;
  remoteHome: string;
  remoteBin: string;
  stop(): Promise<void>;
}

export const sshdInstalled = (): boolean => existsSync('/usr/sbin/sshd') && existsSync('/usr/bin/ssh-keygen');

function keygen(path: string): void {
  const r = spawnSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'maestro-test', '-f', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ssh-keygen ${path}: ${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startLoopbackSshd(): Promise<LoopbackSshd> {
  const folder = mkdtempSync(join(tmpdir(), 'msshd-'));
  const at = (name: string): string => join(folder, name);
  const user = userInfo().username;
  mkdirSync(at('remote-home'));
  mkdirSync(at('remote-bin'));
  keygen(at('host_key'));
  keygen(at('id_client'));
  writeFileSync(at('authorized_keys'), readFileSync(at('id_client.pub')));
  for (const file of readdirSync(folder)) if (!file.startsWith('remote-')) chmodSync(at(file), 0o600);
  // sshd wants its privilege separation folder; the package creates it at boot, a container may lack it.
  if (user === 'root' && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true });
  const hostKey = readFileSync(at('host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(at('known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
    writeFileSync(at('sshd_config'), [
      'ListenAddress 127.0.0.1', `Port ${port}`, `HostKey ${at('host_key')}`, 'PidFile none', `AuthorizedKeysFile ${at('authorized_keys')}`,
      `AllowUsers ${user}`, 'PermitRootLogin prohibit-password', 'PubkeyAuthentication yes', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'UseDNS no', 'PrintMotd no', 'X11Forwarding no',
      'AllowTcpForwarding no', 'AllowAgentForwarding no', 'PermitUserEnvironment no',
      `SetEnv HOME=${at('remote-home')} PATH=${at('remote-bin')}:/usr/local/bin:/usr/bin:/bin`, '',
    ].join('\n'));
    writeFileSync(at('ssh_config'), [
      'Host loopback', '  HostName 127.0.0.1', `  Port ${port}`, `  User ${user}`, `  IdentityFile ${at('id_client')}`,
      'Host *', '  StrictHostKeyChecking yes', `  UserKnownHostsFile ${at('known_hosts')}`, '  GlobalKnownHostsFile /dev/null',
      '  IdentitiesOnly yes', '  IdentityAgent none', '  UpdateHostKeys no', '  ControlMaster no', '  ControlPath none', '',
    ].join('\n'));
    const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', at('sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    const listening = await new Promise<boolean>((resolveStart) => {
      const timer = setTimeout(() => resolveStart(false), 30000);
      child.stderr!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('Server listening')) {
          clearTimeout(timer);
          resolveStart(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolveStart(false);
      });
    });
    if (listening) {
      return {
        clientConfig: at('ssh_config'),
        remoteHome: at('remote-home'),
        remoteBin: at('remote-bin'),
        stop: async () => {
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill();
            await exited;
          }
          rmSync(folder, { recursive: true, force: true });
        },
      };
    }
    child.kill();
    if (!said.includes('Address already in use') || attempt === 3) {
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`sshd did not start: ${said}`);
    }
  }
}
