export * from './block';
export * from './config';
export * from './gap-report';
export * from './http';
export * from './pool-state';
export * from './ledger-check';
