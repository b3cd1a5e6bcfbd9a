// Entry point of dist/panel.js: picks the host transport and mounts the panel into <div id="maestro-root">.
import { pickTransport, type HostWindow } from './bridge/transport';
import { startPanel, type Panel } from './panel';

function mount(): void {
  const root = document.getElementById('maestro-root');
  if (!root) {
    console.error('maestro panel: no <div id="maestro-root"> in the page');
    return;
  }
  const panel = startPanel(root, pickTransport(window as HostWindow).transport);
  // Exposed for hosts' diagnostics and the browser tests; not an API.
  (window as unknown as { maestroPanel: Panel }).maestroPanel = panel;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
else mount();
