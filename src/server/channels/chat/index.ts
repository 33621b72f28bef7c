export * from './server';
export * from './session';
export * from './guard';
export { widgetHtml, WIDGET_SEEN_LIMIT } from './widget';
