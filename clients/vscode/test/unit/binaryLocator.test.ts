import { describe, expect, it } from 'vitest';
import { bundledServerPath, bundledTargets, locateServer, vsixTarget, type LocatorInputs } from '../../src/server/binaryLocator';

const inputs = (executables: string[], over: Partial<LocatorInputs> = {}): LocatorInputs => ({
  configuredPath: undefined,
  extensionPath: '/ext',
  pathEnv: '/usr/local/bin:/opt/maestro/bin',
  platform: 'linux',
  arch: 'x64',
  isExecutable: (file) => executables.includes(file),
  ...over,
});

describe('locateServer', () => {
  it('prefers the maestro.serverPath setting over the bundled binary and PATH', () => {
    const located = locateServer(inputs(['/custom/maestro', '/ext/server/linux-x64/maestro', '/opt/maestro/bin/maestro'], { configuredPath: '/custom/maestro' }));
    expect(located).toEqual({ found: true, path: '/custom/maestro', source: 'setting' });
  });

  it('uses the server bundled for this platform before PATH', () => {
    expect(locateServer(inputs(['/ext/server/linux-x64/maestro', '/opt/maestro/bin/maestro']))).toEqual({ found: true, path: '/ext/server/linux-x64/maestro', source: 'bundled' });
  });

  it('picks the bundled server of each platform VSIX target', () => {
    const cases: [NodeJS.Platform, string, string, string][] = [
      ['linux', 'arm64', '/ext', '/ext/server/linux-arm64/maestro'],
      ['darwin', 'x64', '/Users/u/.vscode/extensions/maestro', '/Users/u/.vscode/extensions/maestro/server/darwin-x64/maestro'],
      ['darwin', 'arm64', '/Users/u/.vscode/extensions/maestro', '/Users/u/.vscode/extensions/maestro/server/darwin-arm64/maestro'],
      ['win32', 'x64', 'C:\\Users\\u\\.vscode\\extensions\\maestro', 'C:\\Users\\u\\.vscode\\extensions\\maestro\\server\\win32-x64\\maestro.exe'],
    ];
    for (const [platform, arch, extensionPath, expected] of cases) {
      expect(locateServer(inputs([expected], { platform, arch, extensionPath, pathEnv: '' }))).toEqual({ found: true, path: expected, source: 'bundled' });
    }
  });

  it('never runs a server bundled for another platform: an arm64 Mac with an x64 VSIX falls back to PATH', () => {
    const located = locateServer(inputs(['/ext/server/darwin-x64/maestro', '/opt/maestro/bin/maestro'], { platform: 'darwin', arch: 'arm64' }));
    expect(located).toEqual({ found: true, path: '/opt/maestro/bin/maestro', source: 'path' });
  });

  it('a platform with no VSIX target (e.g. Windows on ARM) looks on PATH only', () => {
    const located = locateServer(inputs(['C:\\ext\\server\\win32-x64\\maestro.exe', 'C:\\tools\\maestro.exe'], { platform: 'win32', arch: 'arm64', extensionPath: 'C:\\ext', pathEnv: 'C:\\tools' }));
    expect(located).toEqual({ found: true, path: 'C:\\tools\\maestro.exe', source: 'path' });
  });

  it('falls back to the first maestro on PATH (the universal VSIX)', () => {
    expect(locateServer(inputs(['/opt/maestro/bin/maestro']))).toEqual({ found: true, path: '/opt/maestro/bin/maestro', source: 'path' });
  });

  it('says what to do when nothing is found', () => {
    const located = locateServer(inputs([]));
    expect(located.found).toBe(false);
    if (!located.found) {
      expect(located.message).toMatch(/maestro\.serverPath/);
      expect(located.message).toMatch(/dotnet tool install/);
      expect(located.setting, 'the error offers to open this setting').toBe('maestro.serverPath');
    }
  });

  it('refuses a configured path that does not exist rather than silently using another server', () => {
    const located = locateServer(inputs(['/opt/maestro/bin/maestro'], { configuredPath: '/nope/maestro' }));
    expect(located.found).toBe(false);
    if (!located.found) {
      expect(located.message).toContain('/nope/maestro');
      expect(located.setting, 'the error offers to open this setting').toBe('maestro.serverPath');
    }
  });

  it('ignores a blank setting and empty PATH entries, and looks for maestro.exe on Windows', () => {
    const located = locateServer(inputs(['C:\\tools\\maestro.exe'], { configuredPath: '  ', pathEnv: ';C:\\tools', platform: 'win32' }));
    expect(located).toEqual({ found: true, path: 'C:\\tools\\maestro.exe', source: 'path' });
  });
});

describe('VSIX targets', () => {
  it('maps VS Code platform and arch to the five targets and nothing else', () => {
    expect(vsixTarget('linux', 'x64')).toBe('linux-x64');
    expect(vsixTarget('win32', 'x64')).toBe('win32-x64');
    expect(vsixTarget('darwin', 'arm64')).toBe('darwin-arm64');
    expect(vsixTarget('win32', 'arm64')).toBeUndefined();
    expect(vsixTarget('freebsd', 'x64')).toBeUndefined();
    expect(bundledTargets).toHaveLength(5);
  });

  it('bundles maestro.exe for Windows and maestro elsewhere', () => {
    expect(bundledServerPath('win32-x64')).toBe('server/win32-x64/maestro.exe');
    expect(bundledServerPath('linux-arm64')).toBe('server/linux-arm64/maestro');
  });
});
