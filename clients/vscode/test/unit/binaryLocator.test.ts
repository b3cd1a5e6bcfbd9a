import { describe, expect, it } from 'vitest';
import { locateServer, type LocatorInputs } from '../../src/server/binaryLocator';

const inputs = (executables: string[], over: Partial<LocatorInputs> = {}): LocatorInputs => ({
  configuredPath: undefined,
  extensionPath: '/ext',
  pathEnv: '/usr/local/bin:/opt/maestro/bin',
  platform: 'linux',
  isExecutable: (file) => executables.includes(file),
  ...over,
});

describe('locateServer', () => {
  it('prefers the maestro.serverPath setting over the bundled binary and PATH', () => {
    const located = locateServer(inputs(['/custom/maestro', '/ext/server/maestro', '/opt/maestro/bin/maestro'], { configuredPath: '/custom/maestro' }));
    expect(located).toEqual({ found: true, path: '/custom/maestro', source: 'setting' });
  });

  it('uses the binary bundled in the VSIX before PATH', () => {
    expect(locateServer(inputs(['/ext/server/maestro', '/opt/maestro/bin/maestro']))).toEqual({ found: true, path: '/ext/server/maestro', source: 'bundled' });
  });

  it('falls back to the first maestro on PATH', () => {
    expect(locateServer(inputs(['/opt/maestro/bin/maestro']))).toEqual({ found: true, path: '/opt/maestro/bin/maestro', source: 'path' });
  });

  it('says what to do when nothing is found', () => {
    const located = locateServer(inputs([]));
    expect(located.found).toBe(false);
    if (!located.found) expect(located.message).toMatch(/maestro\.serverPath/);
  });

  it('refuses a configured path that does not exist rather than silently using another server', () => {
    const located = locateServer(inputs(['/opt/maestro/bin/maestro'], { configuredPath: '/nope/maestro' }));
    expect(located.found).toBe(false);
    if (!located.found) expect(located.message).toContain('/nope/maestro');
  });

  it('ignores a blank setting and empty PATH entries, and looks for maestro.exe on Windows', () => {
    const located = locateServer(inputs(['C:\\tools\\maestro.exe'], { configuredPath: '  ', pathEnv: ';C:\\tools', platform: 'win32' }));
    expect(located.found && located.source).toBe('path');
  });
});
