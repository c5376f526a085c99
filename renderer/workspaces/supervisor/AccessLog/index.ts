export { AccessLog } from './AccessLog';
