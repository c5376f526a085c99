export { LookupWorkspace } from './LookupWorkspace';
