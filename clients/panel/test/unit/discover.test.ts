// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import type { DiscoveredSession } from '../../../protocol/protocol';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const found = (id: string, title: string, updatedAt: string): DiscoveredSession => ({ agentId: 'claude-code', agentSessionId: id, cwd: '/work/repo', title, updatedAt });

afterEach(() => {
  document.body.innerHTML = '';
});

test('Discover lists the agents’ sessions on disk of every host folder, newest first; Import makes a session, then Open opens it', async () => {
  const fake = new FakeHost({
    'sessions/list': () => ({ sessions: [] }),
    'agents/list': () => ({ agents: [] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/discover': (params) => ((params as { cwd: string }).cwd === '/work/repo'
      ? { found: [found('old', 'An old question', '2026-01-01T00:00:00Z'), found('new', 'A new question', '2026-01-03T00:00:00Z')] }
      : { found: [found('other', 'Elsewhere', '2026-01-02T00:00:00Z')] }),
    'sessions/import': (params) => makeSession('s_imported', { name: 'A new question', agentSessionId: (params as { agentSessionId: string }).agentSessionId }),
    'sessions/history': () => ({ events: [], hasMore: false }),
  });
  const panel = await mountPanel(fake, hostInfo({ workspaceFolders: ['/work/repo', '/work/other'] }));
  [...panel.root.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) => b.textContent === 'Discover…')!.click();
  await panel.flush();
  expect(fake.requests('sessions/discover').map((r) => r.params)).toEqual([{ cwd: '/work/repo' }, { cwd: '/work/other' }]);
  const items = (): HTMLElement[] => [...panel.root.querySelectorAll<HTMLElement>('.discover-item')];
  expect(items().map((i) => i.querySelector('.session-name')!.textContent)).toEqual(['A new question', 'Elsewhere', 'An old question']);
  items()[0]!.querySelector<HTMLButtonElement>('button')!.click();
  await panel.flush();
  expect(fake.requests('sessions/import').map((r) => r.params)).toEqual([{ agentId: 'claude-code', agentSessionId: 'new' }]);
  expect(panel.store.sessions.has('s_imported')).toBe(true);
  const open = items()[0]!.querySelector<HTMLButtonElement>('button')!;
  expect(open.textContent).toBe('Open');
  expect(items()[0]!.textContent).toContain('imported');
  open.click();
  await panel.flush();
  expect(panel.app.currentPage).toEqual({ kind: 'session', id: 's_imported' });
});

test('Discover says when nothing is left to import, and a failure in words', async () => {
  let fail = false;
  const fake = new FakeHost({
    'sessions/list': () => ({ sessions: [] }), 'agents/list': () => ({ agents: [] }), 'runs/list': () => ({ runs: [] }),
    'sessions/discover': () => {
      if (fail) throw { code: -32603, message: 'Could not read ~/.claude/projects: permission denied' };
      return { found: [] };
    },
  });
  const panel = await mountPanel(fake);
  panel.app.showDiscover();
  await panel.flush();
  expect(panel.root.querySelector('.discover-view')!.textContent).toContain('No conversation to import');
  fail = true;
  [...panel.root.querySelectorAll<HTMLButtonElement>('.discover-view button')].find((b) => b.textContent === 'Look again')!.click();
  await panel.flush();
  expect(panel.root.querySelector('.discover-view [role="alert"]')!.textContent).toContain('permission denied');
});
