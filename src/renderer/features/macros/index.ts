// The reply tools' face to other features: macros under the reply box, the signature, and the settings view.
export { matchingMacros } from './macro-picker';
export { useMacros } from './use-macros';
export { MacroSuggestions } from './MacroSuggestions';
