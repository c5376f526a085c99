export { SupervisorWorkspace } from './SupervisorWorkspace';
export { warmSupervisorData } from './data/warm-supervisor-data';
