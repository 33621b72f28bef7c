import { vi } from 'vitest';
import { createDispatcher } from '../../../src/main/core/kernel/bridge/dispatch';
import { DesktopCore } from '../../../src/main/core/desktop-core';
import { registerBridgeIpc } from '../../../src/main/electron/ipc';
import { adaptExposedBridge } from '../../../src/renderer/kernel/bridge/ipc-adapter';
import type { OmnideskBridge } from '../../../src/shared';
import { runBridgeContract } from './contract-suite';
import { ipcMain, state, webContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

// The real preload, run against the fake electron: it exposes `omnidesk` through the fake contextBridge.
await import('../../../src/main/electron/preload');

runBridgeContract('Electron IPC (preload + ipc.ts)', async ({ dataDir, defaultServerUrl, sync }) => {
  const core = new DesktopCore({ dataDir, defaultServerUrl, sync });
  const unwire = registerBridgeIpc(ipcMain, createDispatcher(core.handlers), (l) => core.subscribe(l), {
    targets: () => [webContents],
  });
  // What the renderer does with window.omnidesk (src/renderer/kernel/bridge/index.ts).
  const bridge = adaptExposedBridge(state.exposed.get('omnidesk') as OmnideskBridge);
  return {
    bridge,
    async close() {
      unwire();
      await core.dispose();
    },
  };
});
