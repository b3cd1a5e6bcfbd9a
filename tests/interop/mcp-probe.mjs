// A minimal MCP server on stdio (newline-delimited JSON-RPC) for the MCP pass-through tests: one tool, `touch`, writes
// a file whose text names the PROBE_TAG environment variable it was started with, so a test sees both that the agent
// called the tool and that the editor's environment reached the server.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  let request;
  try { request = JSON.parse(line); } catch { return; }
  if (request.id === undefined) return; // notifications (notifications/initialized) need no answer
  switch (request.method) {
    case 'initialize':
      send({ id: request.id, result: { protocolVersion: request.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'probe', version: '1.0.0' } } });
      break;
    case 'tools/list':
      send({ id: request.id, result: { tools: [{ name: 'touch', description: 'Writes a file to show the tool was called.', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }] } });
      break;
    case 'tools/call':
      writeFileSync(request.params.arguments.path, `touched by the probe (${process.env.PROBE_TAG ?? 'no tag'})\n`);
      send({ id: request.id, result: { content: [{ type: 'text', text: 'touched' }] } });
      break;
    default:
      send({ id: request.id, error: { code: -32601, message: `no method ${request.method}` } });
  }
});
