export { Conflicts } from './Conflicts';
