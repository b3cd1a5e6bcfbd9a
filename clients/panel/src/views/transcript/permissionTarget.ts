// What a permission request is about, in words: "Write `greeting.txt`", "Run `make test`", with a preview of the content
// when the request carries it. Agents send their tool's raw input (Claude Code: file_path/content, old_string/new_string,
// command; Codex: command as an argv array, changes per path), so the known shapes are read and anything else falls
// back to the agent's own title.
import type { PermissionToolCall } from '../../../../protocol/protocol';
import { relativePath } from '../format';

export interface PermissionTarget {
  /** "Write", "Edit", "Run", "Read", "Fetch", or the agent's title when nothing better is known. */
  verb: string;
  /** The file, command or URL, shown as code; absent when only the title is known. */
  target?: string;
  /** Lines of a diff-like preview: '+' added, '-' removed. */
  preview?: string[];
}

const maxPreviewLines = 40;

export function describePermission(toolCall: PermissionToolCall, cwd?: string): PermissionTarget {
  const input = (toolCall.input && typeof toolCall.input === 'object' ? toolCall.input : {}) as Record<string, unknown>;
  const path = str(input.file_path) ?? str(input.path) ?? str(input.notebook_path) ?? str(input.filePath);
  const command = Array.isArray(input.command) ? shellJoin(input.command.map(String)) : str(input.command) ?? str(input.cmd);
  const url = str(input.url);
  const kind = toolCall.kind;
  if (command !== undefined) return { verb: 'Run', target: command };
  if (path !== undefined) {
    const target = relativePath(path, cwd);
    const content = str(input.content) ?? str(input.new_source);
    if (content !== undefined) return { verb: 'Write', target, preview: lines(content, '+') };
    const oldText = str(input.old_string) ?? str(input.oldText);
    const newText = str(input.new_string) ?? str(input.newText);
    if (oldText !== undefined || newText !== undefined) return { verb: 'Edit', target, preview: [...lines(oldText ?? '', '-'), ...lines(newText ?? '', '+')].slice(0, maxPreviewLines) };
    if (Array.isArray(input.edits)) return { verb: 'Edit', target };
    return { verb: kind === 'read' ? 'Read' : kind === 'edit' ? 'Edit' : kind === 'delete' ? 'Delete' : titleVerb(toolCall.title) ?? 'Use', target };
  }
  // Codex's apply_patch: { changes: { "<path>": { add|update|delete … } } }.
  if (input.changes && typeof input.changes === 'object') {
    const paths = Object.keys(input.changes as object).map((p) => relativePath(p, cwd));
    if (paths.length > 0) return { verb: 'Edit', target: paths.join(', ') };
  }
  if (url !== undefined) return { verb: 'Fetch', target: url };
  return { verb: toolCall.title };
}

/** One line for the transcript's record and the status bar: "Write greeting.txt". */
export function permissionSummary(toolCall: PermissionToolCall, cwd?: string): string {
  const { verb, target } = describePermission(toolCall, cwd);
  return target === undefined ? verb : `${verb} ${target}`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function lines(text: string, mark: '+' | '-'): string[] {
  if (!text) return [];
  const all = text.replace(/\n$/, '').split('\n');
  const shown = all.slice(0, maxPreviewLines).map((line) => `${mark} ${line}`);
  if (all.length > maxPreviewLines) shown.push(`… ${all.length - maxPreviewLines} more lines`);
  return shown;
}

/** Codex sends ["bash", "-lc", "make test"]: the script is what the user recognises. */
function shellJoin(argv: string[]): string {
  if (argv.length === 3 && /(^|\/)(ba|z)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!)) return argv[2]!;
  return argv.map((a) => (/^[\w./=:@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function titleVerb(title: string): string | undefined {
  const first = title.split(/\s+/)[0];
  return first && /^[A-Z][a-z]+$/.test(first) ? first : undefined;
}
