export * from './server';
export * from './session';
export { widgetHtml, WIDGET_SEEN_LIMIT } from './widget';
