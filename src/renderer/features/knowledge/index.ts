// The knowledge feature's face to other features: the panel beside the timeline and the composer's `??` shortcut.
export { KnowledgePanel } from './KnowledgePanel';
export { insertByShortcut, shortcutQuery } from './use-knowledge';
export { ArticleUseLine } from './ArticleUseLine';
