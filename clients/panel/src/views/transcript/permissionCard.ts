// A live permissions/request: what the agent wants to do in words ("Write `greeting.txt`", with a preview of the
// content), the one-time Allow as the primary button and "Always allow" and the rejections as secondary ones. Once
// answered the buttons give way to a line saying what was chosen.
import type { PermissionOption, PermissionToolCall } from '../../../../protocol/protocol';
import type { PendingPermission } from '../../state/store';
import { button, h } from '../dom';
import { describePermission } from './permissionTarget';

export function renderPermissionCard(pending: PendingPermission, answer: (optionId: string) => void, cwd?: string): HTMLElement {
  const { toolCall, options } = pending.params;
  const titleId = `perm-${String(pending.requestId).replace(/[^\w-]/g, '_')}`;
  const card = h(
    'section',
    { class: 'permission-card', attrs: { role: 'group', 'aria-labelledby': titleId } },
    h('div', { class: 'row-label', text: 'Waiting for you' }),
    renderTarget(toolCall, cwd, titleId),
  );
  const preview = renderPreview(toolCall, cwd);
  if (preview) card.appendChild(preview);
  if (pending.chosenOptionId !== undefined) {
    card.appendChild(renderAnswer(options, pending.chosenOptionId));
    return card;
  }
  const buttons = h('div', { class: 'permission-options' });
  for (const option of orderOptions(options)) {
    buttons.appendChild(button(option.label, () => answer(option.id), { class: `option-${option.kind}${option.kind === 'allowOnce' ? ' primary' : ''}` }));
  }
  card.appendChild(buttons);
  return card;
}

/** "Write `greeting.txt`": the verb as text, the target as code, the agent's own title as the tooltip. */
export function renderTarget(toolCall: PermissionToolCall, cwd: string | undefined, id?: string): HTMLElement {
  const { verb, target } = describePermission(toolCall, cwd);
  return h('div', { class: 'permission-target', attrs: { id, title: toolCall.title } }, target === undefined ? verb : `${verb} `, target === undefined ? null : h('code', { text: target }));
}

export function renderPreview(toolCall: PermissionToolCall, cwd: string | undefined): HTMLElement | null {
  const { preview } = describePermission(toolCall, cwd);
  if (!preview?.length) return null;
  const pre = h('pre', { class: 'diff-preview', attrs: { 'aria-label': 'Preview of the change' } });
  for (const line of preview) pre.appendChild(h('span', { class: line.startsWith('+') ? 'added' : line.startsWith('-') ? 'removed' : 'context', text: `${line}\n` }));
  return pre;
}

/** The answer as a sentence: "You chose: Allow once". */
export function renderAnswer(options: readonly PermissionOption[], chosenOptionId: string | undefined): HTMLElement {
  const chosen = options.find((o) => o.id === chosenOptionId);
  const text = chosen ? `You chose: ${chosen.label}` : 'Not answered (the turn ended first)';
  return h('div', { class: `permission-answer${chosen ? ` answer-${chosen.kind}` : ''}`, text });
}

/** Allow once first (the safe yes), then Always, then the rejections, whatever order the agent sent. */
function orderOptions(options: readonly PermissionOption[]): PermissionOption[] {
  const rank: Record<string, number> = { allowOnce: 0, allowAlways: 1, rejectOnce: 2, rejectAlways: 3 };
  return [...options].sort((a, b) => (rank[a.kind] ?? 9) - (rank[b.kind] ?? 9));
}
