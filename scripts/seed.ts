/**
 * `npm run seed [-- --force]`: migrates the configured database (DATABASE_URL, else PGlite in
 * OMNIDESK_DATA_DIR) and seeds the demo data if it has no agents. `--force` deletes all data first.
 * Stop the server first when it uses PGlite: an embedded database has one owner process.
 */
import { loadConfig } from '../src/server/kernel/config';
import { migrate } from '../src/server/kernel/db/migrate';
import { openDatabase } from '../src/server/kernel/db/open';
import { DEMO_LOGINS, generateDemoData, resetDatabase, seedDatabase } from '../src/server/seed';
import { isDatabaseEmpty } from '../src/server/seed/seed-db';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  const config = loadConfig();
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    if (!(await isDatabaseEmpty(db))) {
      if (!force) {
        console.log(`${where} already has data; nothing to do (use --force to reset and reseed).`);
        return;
      }
      console.log(`Deleting all data in ${where}…`);
      await resetDatabase(db);
    }
    const report = await seedDatabase(db, generateDemoData());
    if (!report) {
      console.log('Another process seeded the database meanwhile; nothing to do.');
      return;
    }
    const c = report.counts;
    console.log(
      `Seeded ${where} in ${(report.ms / 1000).toFixed(1)} s: ${c.customers} customers, ${c.cases} cases, ${c.threads} threads, ${c.events} events, ${c.agents} agents.`,
    );
    console.log('Demo logins:');
    for (const l of DEMO_LOGINS) console.log(`  ${l.username.padEnd(10)} ${l.password.padEnd(20)} ${l.description}`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error('Seeding failed:', err instanceof Error ? err.message : String(err));
  process.exit(1);
});
