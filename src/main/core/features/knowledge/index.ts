export { knowledgeHandlers, type KnowledgeContext } from './handlers';
export { articleSet, articleHits } from './article-index';
export { searchArticles, similarCases } from './search';
export { articleHtml, articleText, markdownText } from './render';
