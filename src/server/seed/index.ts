export { generateDemoData, type DemoData, type GenerateOptions } from './generate';
export { DEMO_LOGINS, DEMO_AGENTS, DEMO_TEAMS, DEMO_SLA_CALENDAR, DEMO_SLA_POLICY, DEMO_MACROS, SHOWCASE_CUSTOMER_ID, SAFETY_CUSTOMER_ID, demoAgent, type DemoLogin } from './demo';
export { seedDatabase, seedDemoIfEmpty, isDatabaseEmpty, resetDatabase, type SeedReport } from './seed-db';
export { projectInMemory, type ProjectedWorld } from './project';
