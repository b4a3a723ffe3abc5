import 'reflect-metadata';
import dataSourcePromise from '../../database/data-source.cli';
import { rebuildPipelineCounters } from './pipeline-counters';

// `npm run analytics:rebuild`: recompute the pipeline counters from applications and history (after
// a bulk import or a manual data fix). Safe beside live instances: stage changes wait for it.
async function main(): Promise<void> {
  const dataSource = await dataSourcePromise;
  await dataSource.initialize();
  const started = Date.now();
  try {
    await dataSource.transaction((manager) => rebuildPipelineCounters(manager));
    const [{ n }] = await dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM pipeline_counters',
    );
    process.stdout.write(`pipeline counters rebuilt: ${n} rows in ${Date.now() - started} ms\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`analytics rebuild failed: ${error.message}\n`);
  process.exit(1);
});
