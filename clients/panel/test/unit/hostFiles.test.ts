// @vitest-environment happy-dom
// Issue 24, "the editor opens remote files … as read-only virtual documents": a host's session, run or gate artifact
// opens its files through host/openHostFile (with the host and the folder there), never as this machine's paths; an
// editor that cannot show a host's file gets no link; Review changes of a host's session is the Review tab.
import { afterEach, describe, expect, test } from 'vitest';
import type { Session } from '../../../protocol/protocol';
import { HostActions } from '../../src/bridge/messages';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const onBox = makeSession('b', { name: 'On the box', cwd: '/srv/app', host: 'box' });
const here = makeSession('l', { name: 'Here' });
const changed = (sessionId: string, path: string) => ({ events: [{ sessionId, seq: 1, at: '2026-01-01T00:00:00Z', event: { type: 'fileChange', path, change: 'modified' } }], hasMore: false });

function host(sessions: Session[] = [onBox, here]): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [] }),
    'runs/list': () => ({ runs: [] }),
    'review/changes': () => ({ files: [], sessions: [] }),
    'sessions/history': (params) => ((params as { sessionId: string }).sessionId === 'b' ? changed('b', '/srv/app/src/a.ts') : changed('l', '/work/repo/b.ts')),
    [HostActions.OpenHostFile]: () => null,
    [HostActions.OpenDiff]: () => null,
    [HostActions.ReviewChanges]: () => null,
  });
}

const buttonNamed = (root: HTMLElement, name: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.getAttribute('aria-label') === name || b.textContent === name);

afterEach(() => {
  document.body.innerHTML = '';
});

describe("a host's files in the editor", () => {
  test("a host's changed file opens its diff through host/openHostFile with the host and the folder there", async () => {
    const fake = host();
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.OpenDiff, HostActions.OpenHostFile, HostActions.ReviewChanges] }));
    panel.app.openSession('b');
    await panel.flush();
    await panel.flush();
    buttonNamed(panel.root, 'Open diff of /srv/app/src/a.ts')!.click();
    await panel.flush();
    expect(fake.requests(HostActions.OpenHostFile).map((r) => r.params)).toEqual([{ host: 'box', cwd: '/srv/app', path: '/srv/app/src/a.ts', diff: true }]);
    expect(fake.requests(HostActions.OpenDiff)).toEqual([]);
  });

  test("this machine's file still opens with host/openDiff", async () => {
    const fake = host();
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.OpenDiff, HostActions.OpenHostFile] }));
    panel.app.openSession('l');
    await panel.flush();
    await panel.flush();
    buttonNamed(panel.root, 'Open diff of /work/repo/b.ts')!.click();
    await panel.flush();
    expect(fake.requests(HostActions.OpenDiff).map((r) => r.params)).toEqual([{ cwd: '/work/repo', path: '/work/repo/b.ts' }]);
    expect(fake.requests(HostActions.OpenHostFile)).toEqual([]);
  });

  test("an editor that cannot show a host's file draws no diff link for a host's session", async () => {
    const panel = await mountPanel(host(), hostInfo({ host: 'jcef', hostActions: [HostActions.OpenDiff, HostActions.OpenFile] }));
    panel.app.openSession('b');
    await panel.flush();
    await panel.flush();
    expect(panel.root.querySelector('.row-fileChange')).not.toBeNull();
    expect(buttonNamed(panel.root, 'Open diff of /srv/app/src/a.ts')).toBeUndefined();
  });

  test("Review changes of a host's session shows the Review tab; the editor's inline review is not asked", async () => {
    const fake = host();
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.ReviewChanges, HostActions.OpenHostFile] }));
    panel.app.openSession('b');
    await panel.flush();
    buttonNamed(panel.root, 'Review changes')!.click();
    await panel.flush();
    expect(fake.requests(HostActions.ReviewChanges)).toEqual([]);
    expect(panel.root.querySelector('#tab-review')!.getAttribute('aria-selected')).toBe('true');
  });
});
