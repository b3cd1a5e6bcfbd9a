#!/usr/bin/env node
// A stand-in for the Claude Code CLI, for the streaming benchmark only: it prints Claude's stream-json shape
// (init, FLOOD_EVENTS text deltas, result). Each delta carries the time it was printed. With FLOOD_RATE
// (events per second) it paces itself, as a real agent streaming tokens does; without, it floods.
const count = Number(process.env.FLOOD_EVENTS ?? 10000);
const rate = Number(process.env.FLOOD_RATE ?? 0);
const session = 'flood-' + process.pid;
const origin = performance.timeOrigin;
const delta = () => '{"type":"stream_event","session_id":"' + session + '","event":{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"' + (origin + performance.now()).toFixed(3) + '"}}}\n';
const result = JSON.stringify({ type: 'result', subtype: 'success', is_error: false, session_id: session, result: 'done', usage: { input_tokens: 1, output_tokens: count }, total_cost_usd: 0 }) + '\n';
process.stdout.write(JSON.stringify({ type: 'system', subtype: 'init', session_id: session }) + '\n');

if (rate <= 0) {
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(delta());
    if (out.length >= 256) { process.stdout.write(out.join('')); out.length = 0; }
  }
  process.stdout.write(out.join('') + result);
} else {
  // Every 10 ms, print what the rate allows since the start.
  const start = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate));
    let chunk = '';
    for (; sent < due; sent++) chunk += delta();
    if (sent >= count) { clearInterval(timer); chunk += result; }
    if (chunk) process.stdout.write(chunk);
  }, 10);
}
