export { importShippedArticles, storedArticles } from './import';
