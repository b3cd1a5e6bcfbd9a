// @vitest-environment happy-dom
// Issue 22, "Worktrees": the New Session form says where a worktree goes and from which commit, and checks the branch
// name with git's rules while it is typed; Close of a worktree session asks Keep / Delete worktree (the editor's own
// question when it offers host/closeSession, the panel's inline one otherwise, as in Rider and on the phone); the
// session offers Open in new window, Merge into base and Delete worktree when the host does.
import { afterEach, describe, expect, test } from 'vitest';
import type { Session } from '../../../protocol/protocol';
import { HostActions } from '../../src/bridge/messages';
import { branchNameProblem } from '../../src/state/branchName';
import { describeWorktreePlace } from '../../src/views/sessions/newSessionForm';
import { FakeHost, hostInfo, mountPanel } from '../support/fakeHost';
import { makeSession } from '../support/sessions';

const worktreeSession = makeSession('w', { name: 'Fix login', worktree: '/work/repo.worktrees/fix-login', branch: 'fix-login' });
const plainSession = makeSession('p', { name: 'Plain' });

function host(sessions: Session[] = [worktreeSession, plainSession]): FakeHost {
  return new FakeHost({
    'sessions/list': () => ({ sessions }),
    'agents/list': () => ({ agents: [{ id: 'claude-code', name: 'Claude Code', kind: 'native', available: true, command: 'claude' }] }),
    'runs/list': () => ({ runs: [] }),
    'sessions/history': () => ({ events: [], hasMore: false }),
    'sessions/close': () => null,
  });
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe("a branch name, by git's rules (as the server's BranchName)", () => {
  test('ordinary names pass', () => {
    for (const name of ['feature/x', 'fix-login', 'maestro/run-42', 'a.b', 'v1.2/x_y', 'émoji-ü']) expect(branchNameProblem(name), name).toBeUndefined();
  });

  test('each rule names what is wrong', () => {
    expect(branchNameProblem('')).toBe('it is empty');
    expect(branchNameProblem('   ')).toBe('it is empty');
    expect(branchNameProblem('-m')).toBe("it starts with '-' (git would read it as an option)");
    expect(branchNameProblem('HEAD')).toBe('it is reserved by git');
    expect(branchNameProblem('@')).toBe('it is reserved by git');
    for (const bad of ['my branch', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[b', 'a\\b', 'a\tb', 'a\u007fb']) {
      expect(branchNameProblem(bad), JSON.stringify(bad)).toBe('it contains a space, a control character or one of ~ ^ : ? * [ \\');
    }
    expect(branchNameProblem('a..b')).toBe("it contains '..' or '@{'");
    expect(branchNameProblem('a@{1}')).toBe("it contains '..' or '@{'");
    expect(branchNameProblem('feature/')).toBe("it ends with '/' or '.'");
    expect(branchNameProblem('feature.')).toBe("it ends with '/' or '.'");
    expect(branchNameProblem('a//b')).toBe("it has an empty path component ('//' or a leading '/')");
    expect(branchNameProblem('/a')).toBe("it has an empty path component ('//' or a leading '/')");
    expect(branchNameProblem('a/.hidden')).toBe("a component starts with '.'");
    expect(branchNameProblem('a/b.lock/c')).toBe("a component ends with '.lock'");
    // '@' inside a name is fine; only '@' alone and '@{' are not.
    expect(branchNameProblem('me@work')).toBeUndefined();
  });
});

describe('where a worktree goes', () => {
  test("beside the repository, from its branch; the folder and the current HEAD while they are not known", () => {
    expect(describeWorktreePlace('feature/x', { folder: '/work/repo/src', repository: { root: '/work/repo', branch: 'main' } })).toBe('→ /work/repo.worktrees/feature/x from main');
    expect(describeWorktreePlace('feature/x', { folder: '/work/repo/' })).toBe('→ /work/repo.worktrees/feature/x from the current HEAD');
    expect(describeWorktreePlace('', { folder: '/work/repo', repository: { root: '/work/repo' } })).toBe('→ /work/repo.worktrees/<branch> from the current HEAD');
    expect(describeWorktreePlace('x', { folder: 'C:\\src\\repo', repository: { root: 'C:\\src\\repo', branch: 'dev' } })).toBe('→ C:\\src\\repo.worktrees\\x from dev');
  });

  test("in the editor's worktree folder when set, except on an SSH host (the folder is a path there)", () => {
    expect(describeWorktreePlace('x', { folder: '/work/repo', repository: { root: '/work/repo', branch: 'main' }, worktreeFolder: '/trees/' })).toBe('→ /trees/x from main');
    expect(describeWorktreePlace('x', { folder: '/srv/app', worktreeFolder: '/trees', host: 'build-box' })).toBe('→ /srv/app.worktrees/x on build-box from the current HEAD');
  });
});

describe('the New Session form’s worktree step', () => {
  async function openForm(fake: FakeHost, info = hostInfo()) {
    const panel = await mountPanel(fake, info);
    panel.app.showNewSession();
    await panel.flush();
    const form = panel.root.querySelector('form')!;
    const branch = form.querySelector<HTMLInputElement>('input[name="branch"]')!;
    const type = async (text: string) => {
      branch.value = text;
      branch.dispatchEvent(new Event('input', { bubbles: true }));
      await panel.flush();
    };
    const openAdvanced = async () => {
      const details = form.querySelector('details')!;
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
      await panel.flush();
    };
    return { panel, form, branch, type, openAdvanced, place: () => form.querySelector('.worktree-place')!.textContent, error: () => form.querySelector<HTMLElement>('.field-error')!, create: () => form.querySelector<HTMLButtonElement>('button[type="submit"]')! };
  }

  test('says where the worktree goes and from which branch, asking git/status only once the Advanced step is open', async () => {
    const fake = host();
    fake.answers['git/status'] = () => ({ root: '/work/repo', branch: 'main', ahead: 0, behind: 0, changes: [] });
    const { type, openAdvanced, place } = await openForm(fake);
    expect(fake.requests('git/status')).toHaveLength(0);
    expect(place()).toBe('→ /work/repo.worktrees/<branch> from the current HEAD');
    await openAdvanced();
    expect(fake.requests('git/status').map((r) => r.params)).toEqual([{ cwd: '/work/repo' }]);
    expect(place()).toBe('→ /work/repo.worktrees/<branch> from main');
    await type('feature/login');
    expect(place()).toBe('→ /work/repo.worktrees/feature/login from main');
    // Asked once per folder, not at every key.
    expect(fake.requests('git/status')).toHaveLength(1);
  });

  test('a folder git cannot read (or an older server) falls back to the folder and the current HEAD', async () => {
    const fake = host(); // no git/status answer: the fake host refuses it
    const { type, openAdvanced, place } = await openForm(fake);
    await openAdvanced();
    await type('x');
    expect(fake.requests('git/status')).toHaveLength(1);
    expect(place()).toBe('→ /work/repo.worktrees/x from the current HEAD');
  });

  test('an invalid branch name is said inline while typing and keeps Create disabled until fixed', async () => {
    const fake = host();
    fake.answers['sessions/create'] = (p) => makeSession('new', p as Partial<Session>);
    const { form, branch, type, error, create } = await openForm(fake);
    expect(error().hidden).toBe(true);
    expect(create().disabled).toBe(false);
    await type('my feature');
    expect(error().hidden).toBe(false);
    expect(error().textContent).toBe('Not a valid branch name: it contains a space, a control character or one of ~ ^ : ? * [ \\.');
    expect(branch.getAttribute('aria-invalid')).toBe('true');
    expect(create().disabled).toBe(true);
    // Enter in a field submits the form: nothing is sent while the name is invalid.
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.requests('sessions/create')).toHaveLength(0);

    await type('my-feature');
    expect(error().hidden).toBe(true);
    expect(branch.hasAttribute('aria-invalid')).toBe(false);
    expect(create().disabled).toBe(false);
    // Empty is no worktree, not an error.
    await type('');
    expect(error().hidden).toBe(true);
    expect(create().disabled).toBe(false);
  });
});

describe('Close of a worktree session', () => {
  const closeButton = (root: HTMLElement) => root.querySelector<HTMLButtonElement>('button[aria-label="Close the session"]')!;
  const buttonNamed = (root: HTMLElement, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === label);

  test('in an editor that asks (host/closeSession), goes to the editor and sends no sessions/close itself', async () => {
    const fake = host();
    fake.answers[HostActions.CloseSession] = () => null;
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.CloseSession] }));
    panel.app.openSession('w');
    await panel.flush();
    closeButton(panel.root).click();
    await panel.flush();
    expect(fake.requests(HostActions.CloseSession).map((r) => r.params)).toEqual([{ sessionId: 'w' }]);
    expect(fake.requests('sessions/close')).toHaveLength(0);
    expect(panel.root.querySelector<HTMLElement>('.close-question')!.hidden).toBe(true);
  });

  test('elsewhere (Rider, the phone) asks inline: Keep worktree is the default, Delete worktree sends removeWorktree', async () => {
    const fake = host();
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.OpenDiff] }));
    panel.app.openSession('w');
    await panel.flush();
    closeButton(panel.root).click();
    const question = panel.root.querySelector<HTMLElement>('.close-question')!;
    expect(question.hidden).toBe(false);
    expect(question.textContent).toContain('Close Fix login: keep its worktree or delete it?');
    expect(question.textContent).toContain('/work/repo.worktrees/fix-login (branch fix-login)');
    expect(document.activeElement?.textContent).toBe('Keep worktree');
    expect(fake.requests('sessions/close')).toHaveLength(0);

    // Escape leaves the question, not the session; nothing is closed.
    question.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(question.hidden).toBe(true);
    expect(panel.app.currentPage).toEqual({ kind: 'session', id: 'w' });
    expect(fake.requests('sessions/close')).toHaveLength(0);

    closeButton(panel.root).click();
    buttonNamed(question, 'Delete worktree')!.click();
    await panel.flush();
    expect(fake.requests('sessions/close').map((r) => r.params)).toEqual([{ sessionId: 'w', removeWorktree: true }]);
    expect(question.hidden).toBe(true);
  });

  test('a worktree with changes not committed is refused: the notice says why and the question stays to keep it', async () => {
    const fake = host();
    fake.answers['sessions/close'] = (params) => {
      if ((params as { removeWorktree?: boolean }).removeWorktree) throw { code: -32013, message: "The worktree has changes not committed: notes.txt", data: { kind: 'WorktreeDirty' } };
      return null;
    };
    const panel = await mountPanel(fake);
    panel.app.openSession('w');
    await panel.flush();
    closeButton(panel.root).click();
    const question = panel.root.querySelector<HTMLElement>('.close-question')!;
    buttonNamed(question, 'Delete worktree')!.click();
    await panel.flush();
    expect(panel.root.querySelector('.notice')!.textContent).toContain('notes.txt');
    expect(question.hidden).toBe(false);
    expect(buttonNamed(question, 'Keep worktree')!.disabled).toBe(false);
    buttonNamed(question, 'Keep worktree')!.click();
    await panel.flush();
    expect(fake.requests('sessions/close').map((r) => r.params)).toEqual([
      { sessionId: 'w', removeWorktree: true },
      { sessionId: 'w', removeWorktree: false },
    ]);
    expect(question.hidden).toBe(true);
  });

  test('a session without a worktree closes at once, in any host', async () => {
    const fake = host();
    fake.answers[HostActions.CloseSession] = () => null;
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.CloseSession] }));
    panel.app.openSession('p');
    await panel.flush();
    closeButton(panel.root).click();
    await panel.flush();
    expect(fake.requests('sessions/close').map((r) => r.params)).toEqual([{ sessionId: 'p' }]);
    expect(fake.requests(HostActions.CloseSession)).toHaveLength(0);
  });
});

describe("a worktree session's actions", () => {
  const worktreeActions = [HostActions.OpenWorktreeInNewWindow, HostActions.MergeWorktree, HostActions.DeleteWorktree];
  const labels = (root: HTMLElement) => [...root.querySelectorAll<HTMLButtonElement>('.session-header [role="toolbar"] button')].map((b) => b.textContent);

  test('Open in new window, Merge into base and Delete worktree when the host offers them; each names the session', async () => {
    const fake = host();
    for (const action of worktreeActions) fake.answers[action] = () => null;
    const panel = await mountPanel(fake, hostInfo({ hostActions: worktreeActions }));
    panel.app.openSession('w');
    await panel.flush();
    expect(labels(panel.root)).toEqual(['Rename', 'Open in new window', 'Merge into base', 'Delete worktree', 'Close']);
    for (const label of ['Open in new window', 'Merge into base', 'Delete worktree']) {
      [...panel.root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === label)!.click();
    }
    await panel.flush();
    expect(fake.requests().filter((r) => r.method.startsWith('host/')).map((r) => [r.method, r.params])).toEqual(worktreeActions.map((a) => [a, { sessionId: 'w' }]));
  });

  test('none for a session without a worktree, and none a host does not offer (Rider, the phone)', async () => {
    const fake = host();
    const offering = await mountPanel(fake, hostInfo({ hostActions: worktreeActions }));
    offering.app.openSession('p');
    await offering.flush();
    expect(labels(offering.root)).toEqual(['Rename', 'Close']);
    document.body.innerHTML = '';

    const rider = await mountPanel(host(), hostInfo({ host: 'jcef', hostActions: ['host/openDiff', 'host/openFile', 'host/reviewChanges', 'host/showOutput'] }));
    rider.app.openSession('w');
    await rider.flush();
    expect(labels(rider.root)).toEqual(['Rename', 'Review changes', 'Output', 'Close']);
  });

  test("Output asks the host for that session's output (its id goes with the action)", async () => {
    const fake = host();
    fake.answers[HostActions.ShowOutput] = () => null;
    const panel = await mountPanel(fake, hostInfo({ hostActions: [HostActions.ShowOutput] }));
    panel.app.openSession('p');
    await panel.flush();
    [...panel.root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === 'Output')!.click();
    await panel.flush();
    expect(fake.requests(HostActions.ShowOutput).map((r) => r.params)).toEqual([{ sessionId: 'p' }]);
  });
});
