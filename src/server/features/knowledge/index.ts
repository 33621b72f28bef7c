export { importShippedArticles, publishKnowledgeSettings, storedArticles } from './import';
export { knowledgeRoutes } from './routes';
export { saveArticle } from './save';
export { articleStats } from './stats';
export { knowledgeDraftHook } from './drafts';
