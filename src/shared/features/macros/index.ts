export * from './macro';
export * from './render';
export * from './contract';
export { macrosBridgeMethods, macroListItem, MacroListItem } from './bridge';
