import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Consent, ConsentPurpose } from './entities/consent.entity';

export interface LatestConsent {
  purpose: ConsentPurpose;
  granted: boolean;
  policy_version: string;
  recorded_at: Date;
}

// The append-only consent history of candidates.
@Injectable()
export class ConsentRepository {
  constructor(@InjectRepository(Consent) private readonly rows: Repository<Consent>) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(row: Consent, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(Consent, row);
  }

  // The latest row of each purpose the candidate ever answered.
  latestPerPurpose(candidateId: string, manager?: EntityManager): Promise<LatestConsent[]> {
    return this.on(manager).query<LatestConsent[]>(
      `SELECT DISTINCT ON (purpose) purpose, granted, policy_version, recorded_at
         FROM consents WHERE candidate_id = $1
        ORDER BY purpose, recorded_at DESC, id DESC`,
      [candidateId],
    );
  }

  async latestGranted(
    candidateId: string,
    purpose: ConsentPurpose,
    manager?: EntityManager,
  ): Promise<boolean | null> {
    const rows = await this.on(manager).query<{ granted: boolean }[]>(
      `SELECT granted FROM consents WHERE candidate_id = $1 AND purpose = $2
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [candidateId, purpose],
    );
    return rows[0]?.granted ?? null;
  }

  listForCandidate(
    candidateId: string,
    order: 'ASC' | 'DESC',
    manager?: EntityManager,
  ): Promise<Consent[]> {
    return this.on(manager).find(Consent, {
      where: { candidateId },
      order: { recordedAt: order, id: order },
    });
  }

  async deleteForCandidate(candidateId: string, manager?: EntityManager): Promise<number> {
    const result = await this.on(manager).delete(Consent, { candidateId });
    return result.affected ?? 0;
  }
}
