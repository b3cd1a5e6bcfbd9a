// Driving the VS Code workbench (code-server in Chromium) the way a user does: command palette, quick picks,
// input boxes, quick open, and the Maestro panel inside its webview.
import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitFor } from '../real/waitFor';

const quickInput = '.quick-input-widget';

/** Runs a command from the command palette (F1), by its full title, e.g. "Maestro: New Session". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator(`${quickInput} .monaco-list-row`, { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Picks the quick-pick item whose label contains `label`. */
export async function pickItem(page: Page, label: string): Promise<void> {
  const row = page.locator(`${quickInput} .monaco-list-row`, { hasText: label }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
}

/** Types into the open input box and confirms with Enter. */
export async function answerInput(page: Page, text: string): Promise<void> {
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await input.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden' });
}

/** Opens a workspace file with quick open (Ctrl+P) and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator(`${quickInput} .monaco-list-row`, { hasText: name }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible' });
}

/** The Maestro panel: the shared web panel inside the webview view's nested frames. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The CodeLens links of the active editor with this title (e.g. "Accept"). */
export function codeLens(page: Page, title: string) {
  return page.locator('.editor-instance .codelens-decoration a', { hasText: title });
}

/**
 * Which of these command titles the command palette offers (each typed in turn as its filter), then closes it. A
 * command hidden by its `when` clause is not listed.
 */
export async function paletteOffers(page: Page, titles: string[]): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator(`${quickInput} input`);
  await input.waitFor({ state: 'visible' });
  const offered: string[] = [];
  for (const title of titles) {
    await input.fill(`>${title}`);
    const rows = page.locator(`${quickInput} .monaco-list-row`);
    // Wait for the list to answer this filter: a row, or the "No matching commands" message.
    await rows.first().or(page.locator(`${quickInput} .quick-input-message`, { hasText: 'No matching' })).first().waitFor({ state: 'visible' });
    // The label alone (a row also holds its category, keybinding and "recently used").
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
    if (labels.includes(title)) offered.push(title);
  }
  await input.press('Escape');
  // Closed before the caller goes on: a palette still fading out takes the next click or chord.
  await page.locator(quickInput).waitFor({ state: 'hidden' });
  return offered;
}

/**
 * Picks `label` if its quick pick comes, or goes on when `next`'s comes instead (a single candidate is taken
 * without a picker, so a step may be skipped).
 */
export async function pickItemIfOffered(page: Page, label: string, next: string): Promise<void> {
  const row = (text: string) => page.locator(`${quickInput} .monaco-list-row`, { hasText: text }).first();
  await row(label).or(row(next)).first().waitFor({ state: 'visible' });
  if (await row(label).isVisible()) await row(label).click();
}

/** Types a prompt into the panel's prompt box (focused by "Maestro: Prompt Session") and sends it with Enter. */
export async function sendInPanel(panel: FrameLocator, text: string): Promise<void> {
  const prompt = panel.getByRole('textbox', { name: 'Prompt' });
  await prompt.waitFor({ state: 'visible', timeout: 30000 });
  await prompt.fill(text);
  await prompt.press('Enter');
}

/**
 * "Maestro: New Session" opens the panel's one form (no quick picks): waits for it, checks the one available agent
 * and the workspace folder are chosen and that focus went straight on to Create (nothing to choose), then creates by
 * keyboard. `advanced` fills the Advanced step's fields by name first (name, branch, mode).
 */
export async function createInPanelForm(page: Page, panel: FrameLocator, expected: { agent: string; folder: string }, advanced: Record<string, string> = {}): Promise<void> {
  const form = panel.getByRole('form', { name: 'New session' });
  await form.waitFor({ state: 'visible', timeout: 60000 });
  expect(await form.locator('select[name="agent"]').inputValue()).toBe(expected.agent);
  expect(await form.locator('[name="folder"]').inputValue()).toBe(expected.folder);
  const create = form.getByRole('button', { name: 'Create' });
  await waitFor('focus on Create', () => create.evaluate((el) => el === document.activeElement), 30000);
  if (Object.keys(advanced).length > 0) {
    await form.locator('summary').click();
    for (const [name, value] of Object.entries(advanced)) {
      const field = form.locator(`[name="${name}"]`);
      if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
      else await field.fill(value);
    }
    await create.focus();
  }
  await page.keyboard.press('Enter');
}
