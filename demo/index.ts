export { DEFAULT_DEMO_DAYS, demoSubmission, generateDemoData, type DemoData, type DemoDataOptions, type DemoDocument } from './generate';
export { DEMO_POSTS, DEMO_UNITS, DEMO_USERS, workstationOf, type DemoUser } from './reference-data';
export { MG_MUNICIPALITIES } from './geography';
