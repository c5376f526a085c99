export { SupervisorWorkspace } from './SupervisorWorkspace';
