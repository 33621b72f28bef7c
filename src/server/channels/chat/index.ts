export * from './server';
export * from './session';
export { widgetHtml } from './widget';
