// A live permissions/request: one button per option; the first click answers the server.
import type { PendingPermission } from '../../state/store';
import { button, h } from '../dom';

export function renderPermissionCard(pending: PendingPermission, answer: (optionId: string) => void): HTMLElement {
  const { toolCall, options } = pending.params;
  const titleId = `perm-${String(pending.requestId).replace(/[^\w-]/g, '_')}`;
  const card = h(
    'section',
    { class: 'permission-card', attrs: { role: 'group', 'aria-labelledby': titleId } },
    h('div', { class: 'row-label', text: 'Permission needed' }),
    h('div', { class: 'tool-title', text: toolCall.title, attrs: { id: titleId } }),
  );
  if (toolCall.input !== undefined) card.appendChild(h('pre', { class: 'tool-input', text: JSON.stringify(toolCall.input, null, 2).slice(0, 2000) }));
  const buttons = h('div', { class: 'permission-options' });
  for (const option of options) {
    const chosen = pending.chosenOptionId === option.id;
    const b = button(option.label, () => answer(option.id), { class: `option-${option.kind}${chosen ? ' chosen' : ''}` });
    b.disabled = pending.chosenOptionId !== undefined;
    buttons.appendChild(b);
  }
  card.appendChild(buttons);
  return card;
}
