import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freshHome, removeHome, startServer, initializeParams, maestroPath } from './maestro.mjs';
import { startModelServer, agentSandbox, configureAgent, configureAgents } from './agents.mjs';
import { startAcpAgent, initializeRequest, waitFor } from './acp.mjs';

// The official ACP client SDK drives `maestro acp` (an ACP agent in front of the daemon) with a real Claude Code on the
// scripted model server; every message maestro sends is checked against the SDK's JSON schema.
test('ACP SDK: initialize, a new session, an edit arriving as a diff and landing on disk, refusals, cancel, load after a daemon restart', { timeout: 300000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  let acp;
  try {
    configureAgent(home, 'claude-code', sandbox, model.modelUrl);
    acp = startAcpAgent(home, ['--agent', 'claude-code', '--permission-mode', 'bypass']);
    const init = await acp.agent.request('initialize', initializeRequest);
    assert.equal(init.protocolVersion, 1);
    assert.equal(init.agentCapabilities.loadSession, true);
    assert.equal(init.agentCapabilities.promptCapabilities.image, false);

    const { sessionId } = await acp.agent.request('session/new', { cwd: sandbox.repo, mcpServers: [] });
    assert.ok(sessionId);
    const offered = await waitFor(() => acp.updates.find((u) => u.sessionId === sessionId && u.update.sessionUpdate === 'available_commands_update'), 'the commands on offer');
    assert.deepEqual(offered.update.availableCommands.map((c) => c.name), ['sessions', 'agent', 'playbook', 'stop', 'worktree', 'room']);

    // A second client of the daemon (the editor protocol, as VS Code speaks it) watches the same session live.
    const other = startServer(home);
    const watched = [];
    other.connection.onNotification('sessions/event', (n) => { if (n.sessionId === sessionId) watched.push(n); });
    await other.connection.sendRequest('initialize', initializeParams('second-client'));

    const target = join(sandbox.repo, 'from-acp.txt');
    await model.enqueueTurn([{ tool: 'Write', args: { file_path: target, content: 'written through acp\n' } }, { text: 'Wrote **from-acp.txt**.' }]);
    const first = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Write from-acp.txt' }] });
    assert.equal(first.stopReason, 'end_turn');
    assert.equal(readFileSync(target, 'utf8'), 'written through acp\n');
    const mine = acp.updates.filter((u) => u.sessionId === sessionId).map((u) => u.update);
    const call = mine.find((u) => u.sessionUpdate === 'tool_call' && u.kind === 'edit');
    assert.ok(call, `an edit tool call among ${JSON.stringify(mine.map((u) => u.sessionUpdate))}`);
    assert.deepEqual(call.locations, [{ path: target }]);
    const diff = call.content.find((c) => c.type === 'diff');
    assert.equal(diff.path, target);
    assert.equal(diff.oldText, null);
    assert.equal(diff.newText, 'written through acp\n');
    assert.ok(mine.some((u) => u.sessionUpdate === 'tool_call_update' && u.toolCallId === call.toolCallId && u.status === 'completed'));
    const said = mine.filter((u) => u.sessionUpdate === 'agent_message_chunk').map((u) => u.content.text).join('');
    assert.match(said, /Wrote \*\*from-acp\.txt\*\*\./);
    // Usage: the context used and the window Claude Code's models have (200K, Maestro's documented default), cost in USD.
    const usage = mine.find((u) => u.sessionUpdate === 'usage_update');
    assert.ok(usage, `a usage_update among ${JSON.stringify(mine.map((u) => u.sessionUpdate))}`);
    assert.equal(usage.size, 200000);
    assert.ok(usage.used > 0 && usage.used <= usage.size, JSON.stringify(usage));
    assert.equal(usage.cost.currency, 'USD');

    // Refusals are ACP errors and the session stays usable.
    await assert.rejects(acp.agent.request('session/prompt', { sessionId: 'no-such-session', prompt: [{ type: 'text', text: 'hi' }] }), (e) => e.code === -32002 && /Unknown session id/.test(e.message));
    await assert.rejects(acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'image', mimeType: 'image/png', data: 'AA==' }] }), (e) => e.code === -32602 && /'image'/.test(e.message));

    // /sessions is answered by maestro itself, without a backend turn.
    const listed = acp.updates.length;
    assert.equal((await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/sessions' }] })).stopReason, 'end_turn');
    assert.ok(acp.updates.slice(listed).some((u) => u.update.sessionUpdate === 'agent_message_chunk' && u.update.content.text.includes(sessionId)));

    // A backend that is not installed: session/new answers an error that names it, and this agent keeps working.
    const missing = startAcpAgent(home, ['--agent', 'no-such-agent']);
    await missing.agent.request('initialize', initializeRequest);
    await assert.rejects(missing.agent.request('session/new', { cwd: sandbox.repo, mcpServers: [] }), (e) => e.code === -32603 && e.data?.maestroCode === -32011 && /no-such-agent/.test(e.message));
    assert.deepEqual(missing.invalid, []);
    await missing.close();

    // Cancel mid-turn: a long command runs, a second prompt is refused, session/cancel ends the turn as cancelled.
    await model.enqueueTurn([{ tool: 'Bash', args: { command: 'timeout 120 tail -f README.md', description: 'Wait a long time' } }, { text: 'not reached' }]);
    const before = acp.updates.length;
    const running = acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Wait for a long time' }] });
    await waitFor(() => acp.updates.slice(before).some((u) => u.update.sessionUpdate === 'tool_call' && u.update.kind === 'execute'), 'the long command to start');
    await assert.rejects(acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'too soon' }] }), (e) => e.code === -32600 && /already running a turn/.test(e.message));
    await acp.agent.notify('session/cancel', { sessionId });
    assert.equal((await running).stopReason, 'cancelled');

    // The second client saw the turn live, and sees the session as it is now.
    assert.ok(watched.some((n) => n.event.type === 'toolCall'), 'the second client saw the tool call live');
    assert.ok(watched.some((n) => n.event.type === 'prompt' && n.event.text === 'Write from-acp.txt'));
    const seen = await other.connection.sendRequest('sessions/get', { sessionId });
    assert.equal(seen.agentId, 'claude-code');
    assert.ok(seen.lastSeq > 0);
    await other.connection.sendRequest('shutdown');
    await other.connection.sendNotification('exit');
    other.connection.dispose();

    assert.ok(acp.received.filter((m) => m.method === 'session/update').length >= mine.length, 'the schema saw every update');
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');
    assert.equal(await acp.close(), 0, acp.stderr());

    // After the daemon restarted, a new `maestro acp` resumes the session and replays its history as updates.
    const stop = spawnSync(maestroPath(), ['daemon', '--stop'], { env: { ...process.env, MAESTRO_HOME: home } });
    assert.equal(stop.status, 0, stop.stderr?.toString());
    acp = startAcpAgent(home, ['--agent', 'claude-code', '--permission-mode', 'bypass']);
    await acp.agent.request('initialize', initializeRequest);
    await assert.rejects(acp.agent.request('session/load', { sessionId: 's_000000000000', cwd: sandbox.repo, mcpServers: [] }), (e) => e.code === -32002);
    await acp.agent.request('session/load', { sessionId, cwd: sandbox.repo, mcpServers: [] });
    const replayed = acp.updates.filter((u) => u.sessionId === sessionId).map((u) => u.update);
    assert.equal(replayed[0].sessionUpdate, 'user_message_chunk');
    assert.equal(replayed[0].content.text, 'Write from-acp.txt');
    assert.ok(replayed.some((u) => u.sessionUpdate === 'tool_call' && u.content?.some((c) => c.type === 'diff' && c.path === target)));
    assert.ok(replayed.some((u) => u.sessionUpdate === 'user_message_chunk' && u.content.text === 'Wait for a long time'));
    await model.enqueueTurn([{ text: 'Back again.' }]);
    const resumed = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Still there?' }] });
    assert.equal(resumed.stopReason, 'end_turn');
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');
  } finally {
    if (acp) await acp.close();
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

// Claude Code through its ACP adapter asks before writing: maestro acp asks the editor with session/request_permission,
// offering the backend's own options, and the editor's answer lets the write happen.
test('ACP SDK: backend permission requests are answered by the client, allowed and rejected', { timeout: 300000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  let acp;
  try {
    configureAgent(home, 'acp:claude', sandbox, model.modelUrl);
    acp = startAcpAgent(home, ['--agent', 'acp:claude', '--permission-mode', 'ask'], {
      // The editor allows what it is asked, except a write to a file named "rejected".
      onPermission: (request) => {
        const kind = JSON.stringify(request.toolCall).includes('rejected') ? 'reject_once' : 'allow_once';
        return { outcome: { outcome: 'selected', optionId: request.options.find((o) => o.kind === kind).optionId } };
      },
    });
    // Version negotiation: a client asking for a later version is answered with the one maestro speaks.
    assert.equal((await acp.agent.request('initialize', { ...initializeRequest, protocolVersion: 7 })).protocolVersion, 1);
    const { sessionId } = await acp.agent.request('session/new', { cwd: sandbox.repo, mcpServers: [] });
    const target = join(sandbox.repo, 'asked.txt');
    await model.enqueueTurn([{ tool: 'Write', args: { file_path: target, content: 'allowed by the editor\n' } }, { text: 'Done.' }]);
    const result = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Write asked.txt' }] });
    assert.equal(result.stopReason, 'end_turn');
    assert.ok(acp.permissions.length > 0, 'the editor was asked');
    assert.equal(acp.permissions[0].sessionId, sessionId);
    assert.ok(acp.permissions[0].options.some((o) => o.kind === 'allow_once'));
    assert.ok(existsSync(target));
    assert.equal(readFileSync(target, 'utf8'), 'allowed by the editor\n');

    // Rejected by the editor: the backend does not write, and the turn ends normally.
    const refused = join(sandbox.repo, 'rejected.txt');
    const asked = acp.permissions.length;
    await model.enqueueTurn([{ tool: 'Write', args: { file_path: refused, content: 'must not land\n' } }, { text: 'Understood, not written.' }]);
    const second = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Write rejected.txt' }] });
    assert.equal(second.stopReason, 'end_turn');
    assert.ok(acp.permissions.length > asked, 'the editor was asked again');
    assert.equal(existsSync(refused), false, 'a rejected write does not land');

    // A relative cwd is refused before any session is made.
    await assert.rejects(acp.agent.request('session/new', { cwd: 'relative/dir', mcpServers: [] }), (e) => e.code === -32602 && /absolute path/.test(e.message));
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');
  } finally {
    if (acp) await acp.close();
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

// The editor chooses the backend and the permission mode: config options and modes in session/new, set_config_option
// and set_mode round trips (each reaching the daemon's session), then `/agent codex` and a turn the real Codex CLI answers.
test('ACP SDK: config options and modes round trip, /agent codex switches the backend and Codex answers the next turn', { timeout: 300000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  let acp;
  let other;
  try {
    configureAgents(home, ['claude-code', 'codex'], sandbox, model.modelUrl);
    acp = startAcpAgent(home, ['--agent', 'claude-code', '--permission-mode', 'bypass']);
    await acp.agent.request('initialize', initializeRequest);
    const created = await acp.agent.request('session/new', { cwd: sandbox.repo, mcpServers: [] });
    const { sessionId } = created;
    assert.equal(created.modes.currentModeId, 'bypass');
    assert.deepEqual(created.modes.availableModes.map((m) => m.id), ['ask', 'acceptEdits', 'bypass']);
    const option = (options, id) => options.find((o) => o.id === id);
    assert.deepEqual(created.configOptions.map((o) => [o.id, o.type, o.category, o.currentValue]), [['agent', 'select', '_agent', 'claude-code'], ['model', 'select', 'model', 'default'], ['permission_mode', 'select', 'mode', 'bypass']]);
    // Claude Code's documented aliases, and settings.json's list where it has one (none here).
    assert.deepEqual(option(created.configOptions, 'model').options.map((o) => o.value), ['default', 'sonnet', 'opus', 'haiku']);
    assert.ok(option(created.configOptions, 'agent').options.some((o) => o.value === 'codex'), 'the installed Codex is offered');

    other = startServer(home);
    await other.connection.sendRequest('initialize', initializeParams('second-client'));
    const daemonSession = () => other.connection.sendRequest('sessions/get', { sessionId });

    await model.enqueueTurn([{ text: 'Claude here.' }]);
    assert.equal((await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Who is there?' }] })).stopReason, 'end_turn');

    // set_config_option: the answer has every option with its value; the modes follow (current_mode_update).
    let mark = acp.updates.length;
    const set = await acp.agent.request('session/set_config_option', { sessionId, configId: 'permission_mode', value: 'acceptEdits' });
    assert.equal(option(set.configOptions, 'permission_mode').currentValue, 'acceptEdits');
    assert.equal(option(set.configOptions, 'agent').currentValue, 'claude-code');
    await waitFor(() => acp.updates.slice(mark).some((u) => u.update.sessionUpdate === 'current_mode_update' && u.update.currentModeId === 'acceptEdits'), 'current_mode_update acceptEdits');
    assert.equal((await daemonSession()).permissionMode, 'acceptEdits');

    // set_mode: the options follow (config_option_update), and the daemon's session has the mode.
    mark = acp.updates.length;
    assert.deepEqual(await acp.agent.request('session/set_mode', { sessionId, modeId: 'ask' }), {});
    await waitFor(() => acp.updates.slice(mark).some((u) => u.update.sessionUpdate === 'current_mode_update' && u.update.currentModeId === 'ask'), 'current_mode_update ask');
    await waitFor(() => acp.updates.slice(mark).some((u) => u.update.sessionUpdate === 'config_option_update' && option(u.update.configOptions, 'permission_mode').currentValue === 'ask'), 'config_option_update ask');
    assert.equal((await daemonSession()).permissionMode, 'ask');
    // Bypass for the long command below: in acceptEdits Claude Code would ask, and this client's "cancelled" would end the turn.
    await acp.agent.request('session/set_mode', { sessionId, modeId: 'bypass' });

    // Refusals: a made-up mode, option or backend; the session is unchanged.
    await assert.rejects(acp.agent.request('session/set_mode', { sessionId, modeId: 'yolo' }), (e) => e.code === -32602 && /Unknown mode 'yolo'/.test(e.message));
    await assert.rejects(acp.agent.request('session/set_config_option', { sessionId, configId: 'colour', value: 'blue' }), (e) => e.code === -32602 && /Unknown config option 'colour'/.test(e.message));
    await assert.rejects(acp.agent.request('session/set_config_option', { sessionId, configId: 'agent', value: 'no-such-agent' }), (e) => e.code === -32603 && e.data?.maestroCode === -32011 && /no-such-agent/.test(e.message));
    await assert.rejects(acp.agent.request('session/set_mode', { sessionId: 'no-such-session', modeId: 'ask' }), (e) => e.code === -32002);
    assert.equal((await daemonSession()).agentId, 'claude-code');

    // The model picker: a listed model reaches the daemon's session and Claude Code's next request; others are refused.
    const picked = await acp.agent.request('session/set_config_option', { sessionId, configId: 'model', value: 'opus' });
    assert.equal(option(picked.configOptions, 'model').currentValue, 'opus');
    assert.equal((await daemonSession()).model, 'opus');
    await assert.rejects(acp.agent.request('session/set_config_option', { sessionId, configId: 'model', value: 'gpt-9' }), (e) => e.code === -32602 && /Unknown model 'gpt-9'/.test(e.message));

    // While a turn runs, a change is refused (it would apply to the next turn only); the cancelled turn leaves it possible.
    // The command blocks on a FIFO nobody writes, so the turn runs until the cancel whatever the machine's speed.
    const blocker = join(sandbox.root, 'never-written.fifo');
    spawnSync('mkfifo', [blocker]);
    await model.enqueueTurn([{ tool: 'Bash', args: { command: `cat ${blocker}`, description: 'Wait a long time' } }]);
    mark = acp.updates.length;
    const running = acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Wait for a long time' }] });
    await waitFor(() => acp.updates.slice(mark).some((u) => u.update.sessionUpdate === 'tool_call' && u.update.kind === 'execute'), 'the long command to start');
    const asked = (await model.requests()).filter((r) => JSON.stringify(r).includes('Wait for a long time'));
    assert.ok(asked.length > 0 && asked.every((r) => /opus/.test(JSON.parse(r.body).model)), 'Claude Code asked for the picked model');
    await assert.rejects(acp.agent.request('session/set_mode', { sessionId, modeId: 'ask' }), (e) => e.code === -32600 && /running a turn/.test(e.message));
    await assert.rejects(acp.agent.request('session/set_config_option', { sessionId, configId: 'agent', value: 'codex' }), (e) => e.code === -32600);
    await acp.agent.notify('session/cancel', { sessionId });
    assert.equal((await running).stopReason, 'cancelled');
    assert.equal((await daemonSession()).permissionMode, 'bypass');
    await acp.agent.request('session/set_mode', { sessionId, modeId: 'acceptEdits' });

    // /agent codex: said in a message, the options follow, the daemon's session is now Codex's.
    mark = acp.updates.length;
    assert.equal((await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/agent codex' }] })).stopReason, 'end_turn');
    const after = acp.updates.slice(mark).map((u) => u.update);
    assert.ok(after.some((u) => u.sessionUpdate === 'agent_message_chunk' && /Switched this session from claude-code to .*codex/.test(u.content.text)), JSON.stringify(after));
    assert.ok(after.some((u) => u.sessionUpdate === 'config_option_update' && option(u.configOptions, 'agent').currentValue === 'codex'));
    const switched = await daemonSession();
    assert.equal(switched.agentId, 'codex');
    assert.equal(switched.agentSessionId, undefined);

    // The next turn is answered by the real Codex CLI: its command writes the file, its words come back as chunks.
    const target = join(sandbox.repo, 'codex.txt');
    await model.enqueueTurn([{ tool: 'exec_command', args: { cmd: `printf 'from codex\\n' > ${target}` } }, { text: 'Codex wrote **codex.txt**.' }]);
    mark = acp.updates.length;
    const byCodex = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Write codex.txt' }] });
    assert.equal(byCodex.stopReason, 'end_turn');
    assert.equal(readFileSync(target, 'utf8'), 'from codex\n');
    const said = acp.updates.slice(mark).filter((u) => u.update.sessionUpdate === 'agent_message_chunk').map((u) => u.update.content.text).join('');
    assert.match(said, /Codex wrote \*\*codex\.txt\*\*\./);
    assert.ok(acp.updates.slice(mark).some((u) => u.update.sessionUpdate === 'tool_call'), 'the Codex command arrives as a tool call');
    const requests = await model.requests();
    assert.ok(!JSON.stringify(requests.at(-1)).includes('Who is there?'), 'Codex starts a fresh conversation');
    assert.ok((await daemonSession()).agentSessionId, 'the session now holds the Codex thread');
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');
  } finally {
    if (other) other.connection.dispose();
    if (acp) await acp.close();
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

// `/playbook PATH` runs a Playbook in the session's folder with its backend; the tasks arrive as a plan whose entries
// go pending → in_progress → completed as the run goes, and the prompt answers end_turn when the run ends. A second
// run is stopped with `/stop` while its first task runs, and that prompt answers cancelled.
test('ACP SDK: /playbook reports a two-task run as a plan that ticks to the end; /stop stops a run', { timeout: 300000 }, async () => {
  const model = await startModelServer();
  const sandbox = agentSandbox();
  const home = freshHome();
  let acp;
  try {
    configureAgent(home, 'claude-code', sandbox, model.modelUrl);
    mkdirSync(join(sandbox.repo, 'playbooks'));
    const doc = join(sandbox.repo, 'playbooks', 'two.md');
    writeFileSync(doc, '# Two tasks\n\n- [ ] Create the notes file\n- [ ] Say hello\n');
    const tick = async (task) => {
      await model.enqueueTurn([{ tool: 'Read', args: { file_path: doc } }]);
      await model.enqueueTurn([{ tool: 'Edit', args: { file_path: doc, old_string: `- [ ] ${task}`, new_string: `- [x] ${task}` } }, { text: `Done: **${task}**.` }]);
    };
    await tick('Create the notes file');
    await tick('Say hello');

    acp = startAcpAgent(home, ['--agent', 'claude-code', '--permission-mode', 'bypass']);
    await acp.agent.request('initialize', initializeRequest);
    const { sessionId } = await acp.agent.request('session/new', { cwd: sandbox.repo, mcpServers: [] });
    await assert.rejects(acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/playbook playbooks/missing.md' }] }), (e) => e.code === -32602 && /no playbook at/.test(e.message));
    await assert.rejects(acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/playbook' }] }), (e) => e.code === -32602 && /needs the path/.test(e.message));

    const mark = acp.updates.length;
    const result = await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/playbook playbooks/two.md' }] });
    assert.equal(result.stopReason, 'end_turn');
    assert.equal(readFileSync(doc, 'utf8'), '# Two tasks\n\n- [x] Create the notes file\n- [x] Say hello\n');
    const updates = acp.updates.slice(mark).map((u) => u.update);
    const plans = updates.filter((u) => u.sessionUpdate === 'plan').map((u) => u.entries.map((e) => e.status).join(','));
    assert.deepEqual(plans, [
      'pending,pending',
      'in_progress,pending',
      'completed,pending',
      'completed,in_progress',
      'completed,completed',
    ]);
    assert.deepEqual(updates.find((u) => u.sessionUpdate === 'plan').entries.map((e) => e.content), ['Create the notes file', 'Say hello']);
    const said = updates.filter((u) => u.sessionUpdate === 'agent_message_chunk').map((u) => u.content.text).join('\n');
    assert.match(said, /Running Playbook \*\*two\*\* with claude-code/);
    assert.match(said, /finished: 2 of 2 tasks done, 0 failed/);

    // /stop with nothing running says so; then a run whose task runs a long command is stopped with /stop.
    const idle = acp.updates.length;
    assert.equal((await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/stop' }] })).stopReason, 'end_turn');
    assert.ok(acp.updates.slice(idle).some((u) => u.update.sessionUpdate === 'agent_message_chunk' && /No Playbook run/.test(u.update.content.text)));
    const slow = join(sandbox.repo, 'playbooks', 'slow.md');
    writeFileSync(slow, '# Slow\n\n- [ ] Wait a long time\n- [ ] Never reached\n');
    await model.enqueueTurn([{ tool: 'Bash', args: { command: 'timeout 120 tail -f README.md', description: 'Wait a long time' } }]);
    const before = acp.updates.length;
    const running = acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/playbook playbooks/slow.md' }] });
    await waitFor(() => acp.updates.slice(before).some((u) => u.update.sessionUpdate === 'plan' && u.update.entries[0].status === 'in_progress'), 'the first task to start');
    await assert.rejects(acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'too soon' }] }), (e) => e.code === -32600);
    assert.equal((await acp.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: '/stop' }] })).stopReason, 'end_turn');
    assert.equal((await running).stopReason, 'cancelled');
    assert.ok(acp.updates.slice(before).some((u) => u.update.sessionUpdate === 'agent_message_chunk' && /was stopped/.test(u.update.content.text)));
    assert.equal(readFileSync(slow, 'utf8'), '# Slow\n\n- [ ] Wait a long time\n- [ ] Never reached\n');
    assert.deepEqual(acp.invalid, [], 'every message maestro acp sent is valid against the ACP schema');
  } finally {
    if (acp) await acp.close();
    model.stop();
    removeHome(home);
    sandbox.dispose();
  }
});

// The schema check above is only worth something if it can fail: a diff without newText, a made-up update kind and a
// prompt result without a stop reason are each refused.
test('ACP schema check refuses invalid agent messages', async () => {
  const { schemaErrors } = await import('./acp.mjs');
  const sent = new Map([[7, 'session/prompt']]);
  const update = (u) => ({ jsonrpc: '2.0', method: 'session/update', params: { sessionId: 's', update: u } });
  assert.deepEqual(schemaErrors(update({ sessionUpdate: 'tool_call', toolCallId: 't', title: 'Write', content: [{ type: 'diff', path: '/a', oldText: null, newText: 'x' }] }), sent), []);
  assert.notDeepEqual(schemaErrors(update({ sessionUpdate: 'tool_call', toolCallId: 't', title: 'Write', content: [{ type: 'diff', path: '/a' }] }), sent), []);
  assert.notDeepEqual(schemaErrors(update({ sessionUpdate: 'made_up', text: 'x' }), sent), []);
  assert.deepEqual(schemaErrors({ jsonrpc: '2.0', id: 7, result: { stopReason: 'end_turn' } }, sent), []);
  assert.notDeepEqual(schemaErrors({ jsonrpc: '2.0', id: 7, result: {} }, sent), []);
});
