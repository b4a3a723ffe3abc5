import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Candidate } from '../candidates/entities/candidate.entity';
import { Consent, CONSENT_PURPOSES, ConsentPurpose } from './entities/consent.entity';

export interface ConsentState {
  purpose: ConsentPurpose;
  granted: boolean;
  policy_version: string | null;
  recorded_at: string | null;
}

export interface ConsentRecordResponse {
  id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  policy_version: string;
  source: string;
  recorded_at: string;
}

@Injectable()
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(
    manager: EntityManager,
    input: {
      candidateId: string;
      purpose: ConsentPurpose;
      granted: boolean;
      policyVersion: string;
      source: string;
      actorId: string | null;
      actorRole?: string | null;
    },
  ): Promise<ConsentRecordResponse> {
    const row = manager.create(Consent, {
      id: randomUUID(),
      candidateId: input.candidateId,
      purpose: input.purpose,
      granted: input.granted,
      policyVersion: input.policyVersion,
      source: input.source,
      actorId: input.actorId,
      recordedAt: new Date(),
    });
    await manager.insert(Consent, row);
    if (input.purpose === 'talent_pool') {
      await manager.update(Candidate, { id: input.candidateId }, { talentPool: input.granted });
    }
    await this.audit.record(manager, {
      actorId: input.actorId,
      actorRole: input.actorRole ?? null,
      action: input.granted ? 'consent.granted' : 'consent.withdrawn',
      targetType: 'candidate',
      targetId: input.candidateId,
      metadata: { purpose: input.purpose, policy_version: input.policyVersion },
    });
    return presentConsent(row);
  }

  async current(candidateId: string, manager?: EntityManager): Promise<ConsentState[]> {
    const rows = await (manager ?? this.dataSource.manager).query<
      { purpose: ConsentPurpose; granted: boolean; policy_version: string; recorded_at: Date }[]
    >(
      `SELECT DISTINCT ON (purpose) purpose, granted, policy_version, recorded_at
         FROM consents WHERE candidate_id = $1
        ORDER BY purpose, recorded_at DESC, id DESC`,
      [candidateId],
    );
    return CONSENT_PURPOSES.map((purpose) => {
      const row = rows.find((r) => r.purpose === purpose);
      return {
        purpose,
        granted: row?.granted ?? false,
        policy_version: row?.policy_version ?? null,
        recorded_at: row ? new Date(row.recorded_at).toISOString() : null,
      };
    });
  }

  async has(
    candidateId: string,
    purpose: ConsentPurpose,
    manager?: EntityManager,
  ): Promise<boolean> {
    const rows = await (manager ?? this.dataSource.manager).query<{ granted: boolean }[]>(
      `SELECT granted FROM consents WHERE candidate_id = $1 AND purpose = $2
        ORDER BY recorded_at DESC, id DESC LIMIT 1`,
      [candidateId, purpose],
    );
    return rows[0]?.granted ?? false;
  }

  async history(candidateId: string): Promise<ConsentRecordResponse[]> {
    const rows = await this.dataSource.getRepository(Consent).find({
      where: { candidateId },
      order: { recordedAt: 'DESC', id: 'DESC' },
    });
    return rows.map(presentConsent);
  }
}

function presentConsent(row: Consent): ConsentRecordResponse {
  return {
    id: row.id,
    purpose: row.purpose,
    granted: row.granted,
    policy_version: row.policyVersion,
    source: row.source,
    recorded_at: row.recordedAt.toISOString(),
  };
}
