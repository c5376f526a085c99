export { QueueReview } from './QueueReview';
