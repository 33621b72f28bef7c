/** The desktop core's public surface, for the shells (Electron, web-host) and tests. */
export { DesktopCore, type DesktopCoreOptions, type CoreNotification } from './desktop-core';
export { createDispatcher, isBridgeMethod, type BridgeHandlers, type BridgeHandlerInput, type Dispatcher } from './bridge/dispatch';
export { authenticate, fetchDirectory, normalizeServerUrl, type HttpOptions } from './session/auth';
export { rememberedServerUrl, rememberServerUrl } from './session/workstation';
export { OfflineCredentials, signIn, NO_OFFLINE_SIGN_IN, type SecretBox } from './session/offline-credentials';
export { SyncClient, type SyncClientOptions, type DataChange } from './sync/sync-client';
export { openCache, Store } from './store';
export { createStderrLogger, errorFacts, silentLogger, type Logger } from './logger';
export { historyDaysFromEnv } from './config';
