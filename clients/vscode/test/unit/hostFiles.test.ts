import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { recorded, Uri } from '../fakes/vscode';
import type { FilesReadParams, FilesReadResult, ReviewChangesParams, ReviewChangesResult } from '../../src/protocol';
import { createHostActions } from '../../src/hostActions';
import { HostFileDocuments, hostBaselineScheme, hostFileOf, hostFileScheme, hostFileUri } from '../../src/hosts/hostFileDocuments';
import type { ReviewController } from '../../src/review/reviewController';
import { FakeRpcClient } from './fakeRpcClient';

// What the real server answered for a host's file and its review (recorded by the C# host tests over a real sshd).
const exchanges = join(__dirname, '..', '..', '..', '..', 'tests', 'exchanges');
const read = JSON.parse(readFileSync(join(exchanges, 'files-read-onHost.json'), 'utf8')) as { request: FilesReadParams; response: FilesReadResult };
const review = JSON.parse(readFileSync(join(exchanges, 'review-changes-onHost.json'), 'utf8')) as { request: ReviewChangesParams; response: ReviewChangesResult };
const file = { host: read.request.host!, cwd: read.request.cwd, path: read.response.path };

function server(): FakeRpcClient {
  const fake = new FakeRpcClient();
  fake.handlers.set('files/read', () => read.response);
  fake.handlers.set('review/changes', () => review.response);
  return fake;
}

describe("a host's file in the editor", () => {
  beforeEach(() => recorded.reset());

  it('has a URI naming the host, the path there and the folder, and back', () => {
    const uri = hostFileUri(file);
    expect(uri.scheme).toBe(hostFileScheme);
    expect(hostFileOf(uri as never)).toEqual(file);
  });

  it("is the host's text, read through files/read with the host", async () => {
    const fake = server();
    const documents = new HostFileDocuments(fake, () => []);
    expect(await documents.provideTextDocumentContent(hostFileUri(file) as never)).toBe('# Edited on the host\n');
    expect(fake.requests).toEqual([{ method: 'files/read', params: file }]);
  });

  it("has a diff whose left side is the text before the agent's hunks there", async () => {
    const fake = server();
    const documents = new HostFileDocuments(fake, () => []);
    expect(await documents.provideTextDocumentContent(hostFileUri(file, hostBaselineScheme) as never)).toBe('# Sandbox repo\n');
    expect(fake.requests.map((r) => r.params)).toEqual([file, { cwd: file.cwd, host: file.host, paths: [file.path] }]);
  });

  it('says a binary file is not shown instead of showing bytes', async () => {
    const fake = server();
    fake.handlers.set('files/read', () => ({ path: file.path, binary: true, size: 12 }));
    expect(await new HostFileDocuments(fake, () => []).provideTextDocumentContent(hostFileUri(file) as never)).toBe('(a binary file of 12 bytes on box: not shown)');
  });

  it("reloads the open documents of a host whose folder changed, and no other's", () => {
    const fake = server();
    const mine = hostFileUri(file);
    const other = hostFileUri({ ...file, host: 'other' });
    const documents = new HostFileDocuments(fake, () => [mine, other, Uri.file(file.path)] as never);
    const reloaded: unknown[] = [];
    documents.onDidChange((uri) => reloaded.push(uri));
    fake.notify('review/changed', { cwd: file.cwd, paths: ['README.md'], host: 'box' });
    fake.notify('review/changed', { cwd: file.cwd, paths: ['README.md'] });
    expect(reloaded).toEqual([mine]);
  });

  it('is what host/openHostFile opens: the diff with diff set, a relative path taken from the folder there', async () => {
    const opened: unknown[] = [];
    const actions = createHostActions({} as ReviewController, () => undefined, {
      open: async (f) => void opened.push(['open', f]),
      openDiff: async (f) => void opened.push(['diff', f]),
    });
    await actions.get('host/openHostFile')!({ host: 'box', cwd: '/srv/app', path: 'src/a.ts', diff: true });
    await actions.get('host/openHostFile')!({ host: 'box', cwd: '/srv/app', path: '/srv/app/b.ts' });
    expect(opened).toEqual([
      ['diff', { host: 'box', cwd: '/srv/app', path: '/srv/app/src/a.ts' }],
      ['open', { host: 'box', cwd: '/srv/app', path: '/srv/app/b.ts' }],
    ]);
    await expect(actions.get('host/openHostFile')!({ cwd: '/srv/app', path: 'a' })).rejects.toThrow('a host is needed');
    expect(createHostActions({} as ReviewController, () => undefined).has('host/openHostFile')).toBe(false);
  });

  it('opens the diff with the baseline on the left and the file on the right', async () => {
    await new HostFileDocuments(server(), () => []).openDiff(file);
    const [diff] = recorded.executed;
    expect(diff!.command).toBe('vscode.diff');
    expect((diff!.args[0] as { scheme: string }).scheme).toBe(hostBaselineScheme);
    expect((diff!.args[1] as { scheme: string }).scheme).toBe(hostFileScheme);
    expect(diff!.args[2]).toBe('README.md on box (agent baseline ↔ now)');
  });
});
