export { TriageWorkspace } from './TriageWorkspace';
