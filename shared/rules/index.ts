export * from './time';
export * from './documents';
export * from './request-parties';
export * from './domestic-violence';
export * from './request-flags';
