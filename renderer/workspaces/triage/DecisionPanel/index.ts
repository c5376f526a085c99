export { DecisionPanel } from './DecisionPanel';
export type { DecisionMode } from './DecisionPanel';
