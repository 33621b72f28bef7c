/** The desktop core's public surface, for the shells (Electron, web-host) and tests. */
export { DesktopCore, type DesktopCoreOptions, type CoreNotification } from './desktop-core';
export { createDispatcher, isBridgeMethod, type BridgeHandlers, type BridgeHandlerInput, type Dispatcher } from './kernel/bridge/dispatch';
export { authenticate, fetchDirectory, normalizeServerUrl, type HttpOptions } from './kernel/session/auth';
export { rememberedServerUrl, rememberServerUrl } from './kernel/session/workstation';
export { OfflineCredentials, signIn, NO_OFFLINE_SIGN_IN, type SecretBox } from './kernel/session/offline-credentials';
export { SyncClient, type SyncClientOptions, type DataChange } from './kernel/sync/sync-client';
export { openCache, Store } from './kernel/store/index';
export { createStderrLogger, errorFacts, silentLogger, type Logger } from './kernel/logger';
export { historyDaysFromEnv } from './kernel/config';
