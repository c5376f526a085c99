export { BatchReceive } from './BatchReceive';
