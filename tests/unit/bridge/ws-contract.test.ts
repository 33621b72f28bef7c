import { join } from 'node:path';
import { startWebHost } from '../../../src/main/web-host/server';
import { createWsBridge } from '../../../src/renderer/kernel/bridge/ws-bridge';
import { runBridgeContract } from './contract-suite';
import { browserLikeWebSocket, memorySessionStore, writeStaticDir } from './ws-helpers';

runBridgeContract('web-host WebSocket (startWebHost + createWsBridge)', async ({ dataDir, defaultServerUrl, sync }) => {
  const staticDir = writeStaticDir(join(dataDir, 'static'));
  const host = await startWebHost({ staticDir, dataDir: join(dataDir, 'desktop'), defaultServerUrl, core: { sync } });
  const launchToken = new URL(host.launchUrl).searchParams.get('launch')!;
  const bridge = createWsBridge({
    url: `${host.url.replace('http:', 'ws:')}/bridge`,
    launchToken,
    sessionStore: memorySessionStore(),
    WebSocketImpl: browserLikeWebSocket(host.url),
  });
  return {
    bridge,
    async close() {
      bridge.close();
      await host.close();
    },
  };
});
