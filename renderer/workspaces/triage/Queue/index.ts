export { Queue } from './Queue';
export type { QueueProps } from './Queue';
