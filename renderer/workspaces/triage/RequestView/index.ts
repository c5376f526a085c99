export { RequestView } from './RequestView';
