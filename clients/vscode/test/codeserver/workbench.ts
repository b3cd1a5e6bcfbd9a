// Driving the VS Code workbench (code-server in Chromium) the way a user does: command palette, quick picks,
// input boxes, quick open, and the Maestro panel inside its webview.
import type { FrameLocator, Page } from 'playwright-core';

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
