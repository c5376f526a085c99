export { Freshness, LastSyncContext } from './Freshness';
