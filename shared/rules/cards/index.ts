export * from './labels';
export * from './moves';
export * from './aging';
export * from './search';
export * from './batch-receive';
export * from './lookup-access';
