// The directory feature's face to other features: teams and agents.
export { createDirectoryStore } from './directory-store';
export { useDirectory } from './use-directory';
