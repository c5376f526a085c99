export { RedsLedger } from './RedsLedger';
