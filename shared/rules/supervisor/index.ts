export * from './period';
export * from './triage-stats';
export * from './card-stats';
export * from './reds-stats';
export * from './statistics-export';
export * from './conflicts';
