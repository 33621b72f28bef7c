export * from './macro';
export * from './render';
export * from './contract';
export { macrosBridgeMethods, MacroListItem } from './bridge';
