import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  TableErasure,
} from '../../kernel/personal-data/personal-data-handler';
import { EncryptedValuesRepository } from '../encrypted-values.repository';
import { PersonalDataRegistry } from './personal-data.registry';

abstract class FakeHandler implements PersonalDataHandler {
  abstract readonly name: string;
  abstract readonly tables: Record<string, TableErasure>;
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
  readonly tables = { audit_events: [] };
  readonly order = 100;
}

@Injectable()
@PersonalDataProvider()
class CandidatesLikeHandler extends FakeHandler {
  readonly name = 'candidates-like';
  readonly tables = { candidates: ['email_encrypted'] };
}

@Injectable()
class NotAHandler {}

class CandidateEntity {}
class RecordingEntity {}

const entityMetadatas = [
  {
    tableName: 'candidates',
    target: CandidateEntity,
    columns: [{ databaseName: 'email_encrypted', propertyName: 'emailEncrypted', type: 'text' }],
  },
  {
    tableName: 'video_recordings',
    target: RecordingEntity,
    columns: [
      { databaseName: 'download_url_encrypted', propertyName: 'downloadUrl', type: 'text' },
    ],
  },
];

async function registryWith(...providers: (new () => unknown)[]): Promise<PersonalDataRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      PersonalDataRegistry,
      { provide: EncryptedValuesRepository, useValue: { entityMetadatas: () => entityMetadatas } },
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

  it('flags entity text columns that no handler erases', async () => {
    const registry = await registryWith(CandidatesLikeHandler);
    expect(registry.uncoveredColumns()).toEqual([
      { table: 'video_recordings', column: 'download_url_encrypted' },
    ]);
    expect(registry.staleDeclarations()).toEqual([]);
  });
});
