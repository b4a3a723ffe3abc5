import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
} from './personal-data-handler';
import { PersonalDataRegistry } from './personal-data.registry';

abstract class FakeHandler implements PersonalDataHandler {
  abstract readonly name: string;
  abstract readonly tables: string[];
  export(): Promise<PersonalDataExport> {
    return Promise.resolve({ records: {} });
  }
  erase(): Promise<ErasureCounts> {
    return Promise.resolve({});
  }
}

@Injectable()
@PersonalDataProvider()
class AuditLikeHandler extends FakeHandler {
  readonly name = 'audit-like';
  readonly tables = ['audit_events'];
  readonly order = 100;
}

@Injectable()
@PersonalDataProvider()
class CandidatesLikeHandler extends FakeHandler {
  readonly name = 'candidates-like';
  readonly tables = ['candidates'];
}

@Injectable()
class NotAHandler {}

const entityMetadatas = [
  { tableName: 'candidates', columns: [{ databaseName: 'email_encrypted' }] },
  { tableName: 'video_recordings', columns: [{ databaseName: 'download_url_encrypted' }] },
];

async function registryWith(...providers: (new () => unknown)[]): Promise<PersonalDataRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      PersonalDataRegistry,
      { provide: DataSource, useValue: { entityMetadatas } },
      ...providers,
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(PersonalDataRegistry);
}

describe(PersonalDataRegistry.name, () => {
  it('finds every marked provider, ordered by `order` then name, and nothing else', async () => {
    const registry = await registryWith(AuditLikeHandler, NotAHandler, CandidatesLikeHandler);
    expect(registry.handlers().map((h) => h.name)).toEqual(['candidates-like', 'audit-like']);
  });

  it('flags entity tables with personal data that no handler declares', async () => {
    const registry = await registryWith(CandidatesLikeHandler);
    expect(registry.uncoveredTables()).toEqual([
      { table: 'video_recordings', columns: ['download_url_encrypted'] },
    ]);
  });
});
