import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';
import { PipelineCounterIndexesCatchUp1796553922852 } from '../../migrations/1796553922852-PipelineCounterIndexesCatchUp';
import { buildDataSourceOptions, migrationClasses } from '../../src/database/data-source.options';
import { PipelineCounters1795443598885 as FirstVersion } from '../fixtures/migrations/pipeline-counters-599d6c7';
import { PipelineCounters1795443598885 as SecondVersion } from '../fixtures/migrations/pipeline-counters-1527e1b';
import { createDatabase } from '../support/test-app';
import { databaseUrlFor } from '../support/database-url';
import { schemaSnapshot } from '../support/schema-snapshot';

const ROOT = join(__dirname, '..', '..');
const EDITED = 1795443598885;
type MigrationClass = new () => MigrationInterface;

function timestampOf(migration: MigrationClass): number {
  return Number(/(\d{13})$/.exec(migration.name)![1]);
}

async function migrate(url: string, migrations: MigrationClass[]): Promise<void> {
  const options = buildDataSourceOptions(url, 2);
  const dataSource = await new DataSource({ ...options, migrations }).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

async function emptyDatabase(): Promise<string> {
  const serverUrl = process.env.PANELIST_TEST_SERVER_URL!;
  const name = `panelist_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return databaseUrlFor(serverUrl, name);
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.PANELIST_TEST_SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
}

// #13.16: PipelineCounters1795443598885 was edited twice after it landed, so a database that ran an
// earlier version never got the later indexes. The catch-up migration brings such a database to
// the schema a fresh one gets. The earlier versions are kept verbatim in test/fixtures/migrations.
describe('13.16 catch-up for databases built from earlier versions of PipelineCounters (e2e)', () => {
  const current = (migrationClasses() as MigrationClass[]).sort(
    (a, b) => timestampOf(a) - timestampOf(b),
  );
  const before = current.filter((m) => timestampOf(m) < EDITED);
  const catchUp = PipelineCounterIndexesCatchUp1796553922852 as MigrationClass;
  let reference: string[];
  let referenceUrl: string;
  const created: string[] = [];

  beforeAll(async () => {
    referenceUrl = await createDatabase(); // a copy of the template: every current migration
    created.push(referenceUrl);
    reference = await schemaSnapshot(referenceUrl);
  });
  afterAll(async () => {
    for (const url of created) {
      await dropDatabase(url);
    }
  });

  it('13.16 the fixtures are the versions that landed (when git history is at hand)', () => {
    if (!existsSync(join(ROOT, '.git'))) {
      return; // a checkout without history: the fixtures stand on their own
    }
    for (const commit of ['599d6c7', '1527e1b']) {
      const landed = execFileSync(
        'git',
        ['show', `${commit}:migrations/1795443598885-PipelineCounters.ts`],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const fixture = readFileSync(
        join(__dirname, '..', 'fixtures', 'migrations', `pipeline-counters-${commit}.ts`),
        'utf8',
      );
      expect(fixture).toBe(landed);
    }
  });

  it.each([
    ['599d6c7 (first version)', FirstVersion],
    ['1527e1b (second version)', SecondVersion],
  ])(
    '13.16 a database built with %s reaches the current schema',
    async (_label, version) => {
      const url = await emptyDatabase();
      created.push(url);
      await migrate(url, [...before, version]);
      await migrate(
        url,
        current.filter((m) => m.name !== catchUp.name),
      );
      const stale = await schemaSnapshot(url);
      expect(stale).not.toEqual(reference); // the gap the edits left

      await migrate(url, current);
      expect(await schemaSnapshot(url)).toEqual(reference);
    },
    120_000,
  );

  it('13.16 the catch-up changes nothing on a current database, however often it runs', async () => {
    const url = await createDatabase();
    created.push(url);
    const dataSource = await new DataSource(buildDataSourceOptions(url, 1)).initialize();
    try {
      const runner = dataSource.createQueryRunner();
      await new PipelineCounterIndexesCatchUp1796553922852().up(runner);
      await new PipelineCounterIndexesCatchUp1796553922852().up(runner);
      await runner.release();
    } finally {
      await dataSource.destroy();
    }
    expect(await schemaSnapshot(url)).toEqual(reference);
  });
});
