// The harm model's features are the shared text features (src/shared/kernel/text-features.ts), unchanged.
export { FEATURE_BITS, textFeatures as harmFeatures } from '../../kernel/text-features';
