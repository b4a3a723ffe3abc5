import { Injectable, OnModuleInit } from '@nestjs/common';
import { EmailVerificationService } from '../auth/email-verification.service';
import { CandidateIdentityService } from './candidate-identity.service';

// Once an address is verified (verification or password-reset link), the account takes over the
// earlier applications sent under it: the one call into the identity seam.
@Injectable()
export class VerifiedIdentityLinker implements OnModuleInit {
  constructor(
    private readonly verification: EmailVerificationService,
    private readonly identity: CandidateIdentityService,
  ) {}

  onModuleInit(): void {
    this.verification.whenVerified(async (manager, account) => {
      await this.identity.linkVerifiedAccount(manager, account);
    });
  }
}
