export { Dashboards } from './Dashboards';
