import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager } from 'typeorm';

// A talent_pool consent is mirrored on the person's record, which the candidates module (above
// consent) owns and keeps through this port.
export abstract class TalentPoolMembership {
  abstract setMember(candidateId: string, member: boolean, manager: EntityManager): Promise<void>;
}

// Resolved on first use: the providing module is built after this one.
@Injectable()
export class TalentPoolMembershipRef {
  private port: TalentPoolMembership | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  get membership(): TalentPoolMembership {
    this.port ??= this.moduleRef.get(TalentPoolMembership, { strict: false });
    if (!this.port) {
      throw new Error('No module provides TalentPoolMembership (the candidates module does)');
    }
    return this.port;
  }
}
