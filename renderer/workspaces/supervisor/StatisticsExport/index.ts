export { StatisticsExport } from './StatisticsExport';
