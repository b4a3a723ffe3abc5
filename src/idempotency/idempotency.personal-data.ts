import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ErasureCounts,
  PersonalDataExport,
  PersonalDataHandler,
  PersonalDataProvider,
  PersonalDataSubject,
} from '../kernel/personal-data/personal-data-handler';

// Stored idempotent answers are a replay cache of at most a day, encrypted, and say nothing the
// person's own records do not: the copy leaves them out. A stored answer cannot tell whose data
// it echoes, so erasing anyone clears every stored answer (a retry then runs again instead of
// replaying).
@Injectable()
@PersonalDataProvider()
export class IdempotencyPersonalData implements PersonalDataHandler {
  readonly name = 'idempotency';
  readonly tables = { idempotency_keys: ['response_body_encrypted'] } as const;

  export(): Promise<PersonalDataExport> {
    return Promise.resolve({ records: {} });
  }

  async erase(_subject: PersonalDataSubject, manager: EntityManager): Promise<ErasureCounts> {
    const [, removed] = await manager.query<[unknown, number]>(
      `DELETE FROM idempotency_keys WHERE state = 'completed'`,
    );
    return { idempotent_answers: removed };
  }
}
