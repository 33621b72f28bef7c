export { SurveySend } from './SurveySend';
