import { openTestDatabase } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { seedHealth } from '../seed';
import { createHealthDataSource } from '../server';

it('seeds 100k quickly', async () => {
  const database = await openTestDatabase('health', createHealthDataSource);
  const population = generateDemoPopulation({ persons: 100_000 });
  const start = Date.now();
  await seedHealth(database.db, population);
  console.log('seed ms', Date.now() - start, await database.db.query('SELECT (SELECT count(*) FROM addiction_determination) d, (SELECT count(*) FROM substitution_treatment) t'));
  await database.close();
});
