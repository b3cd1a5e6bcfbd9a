#!/usr/bin/env node
// A stand-in for the Claude Code CLI, for the streaming benchmark only: it prints Claude's stream-json shape
// (init, FLOOD_EVENTS text deltas, result) as fast as it can. Each delta carries the time it was printed.
const count = Number(process.env.FLOOD_EVENTS ?? 10000);
const session = 'flood-' + process.pid;
const out = [];
const flush = () => { if (out.length) { process.stdout.write(out.join('')); out.length = 0; } };
out.push(JSON.stringify({ type: 'system', subtype: 'init', session_id: session }) + '\n');
const origin = performance.timeOrigin;
for (let i = 0; i < count; i++) {
  const t = (origin + performance.now()).toFixed(3);
  out.push('{"type":"stream_event","session_id":"' + session + '","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"' + t + '"}}}\n');
  if (out.length >= 256) flush();
}
out.push(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, session_id: session, result: 'done', usage: { input_tokens: 1, output_tokens: count }, total_cost_usd: 0 }) + '\n');
flush();
