import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ConsentRepository } from './consent.repository';
import { Consent, CONSENT_PURPOSES, ConsentPurpose } from './entities/consent.entity';
import { TalentPoolMembershipRef } from './talent-pool.port';

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
    private readonly consents: ConsentRepository,
    private readonly talentPool: TalentPoolMembershipRef,
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
    const row = Object.assign(new Consent(), {
      id: randomUUID(),
      candidateId: input.candidateId,
      purpose: input.purpose,
      granted: input.granted,
      policyVersion: input.policyVersion,
      source: input.source,
      actorId: input.actorId,
      recordedAt: new Date(),
    });
    await this.consents.insert(row, manager);
    if (input.purpose === 'talent_pool') {
      await this.talentPool.membership.setMember(input.candidateId, input.granted, manager);
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
    const rows = await this.consents.latestPerPurpose(candidateId, manager);
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
    return (await this.consents.latestGranted(candidateId, purpose, manager)) ?? false;
  }

  async history(candidateId: string): Promise<ConsentRecordResponse[]> {
    return (await this.consents.listForCandidate(candidateId, 'DESC')).map(presentConsent);
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
