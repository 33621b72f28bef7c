export { openCache, schemaVersion, type CacheDb } from './open';
export { MIGRATIONS, type Migration } from './migrations';
export { Store, touched, type Touched } from './store';
export { recordLocalChange } from './local-change';
export { applyPulledPage } from './apply-pull';
export { applyPushResults } from './push-results';
export { rebaseCase, rebaseCustomer } from './rebase';
export type { StoredEvent, TimelineQuery } from './events-repo';
