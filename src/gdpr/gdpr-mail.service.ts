import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CandidateIdentityService } from '../candidates/candidate-identity.service';
import { Transactions } from '../database/transactions';
import { MailService } from '../mail/mail.service';
import type { GdprExport } from './entities/gdpr-export.entity';
import type { GdprRequest } from './entities/gdpr-request.entity';

const erasureKey = (requestId: string): string => `gdpr_erasure_done:${requestId}`;

// The two GDPR messages. Export ready goes to whoever asked for the export (they download it).
// Erasure done goes to the person's address, which erasure is about to remove: the message is
// rendered and stored *held* before the first handler runs, carries no subject ids (so the mail
// handler's erasure does not delete it), is released in the transaction that completes the
// erasure, and its recipient and parts are dropped once it has left (src/mail/README.md).
@Injectable()
export class GdprMailService {
  constructor(
    private readonly transactions: Transactions,
    private readonly mail: MailService,
    private readonly users: UsersService,
    private readonly identity: CandidateIdentityService,
  ) {}

  async exportReady(manager: EntityManager, row: GdprExport, expiresAt: Date): Promise<void> {
    const requester = row.requestedBy ? await this.users.findById(row.requestedBy) : null;
    if (!requester || requester.erasedAt) {
      return;
    }
    const account = this.users.present(requester);
    await this.mail.enqueue(manager, {
      template: 'gdpr_export_ready',
      to: account.email,
      eventKey: `gdpr_export_ready:${row.id}`,
      category: 'essential',
      subject: { userId: requester.id },
      variables: {
        recipient_name: account.full_name ?? account.username,
        export_id: row.id,
        expires_at: expiresAt.toISOString(),
        status_url: this.mail.link(`/api/gdpr/exports/${row.id}`),
      },
    });
  }

  // Before any handler runs (idempotent: a retried erasure finds the held message).
  async holdErasureNotice(request: GdprRequest): Promise<void> {
    const to = await this.addressOf(request);
    if (!to) {
      return;
    }
    await this.transactions.run((manager) =>
      this.mail.enqueue(manager, {
        template: 'gdpr_erasure_done',
        to,
        eventKey: erasureKey(request.id),
        category: 'essential',
        hold: true,
        scrubAfterSend: true,
        variables: {
          recipient_name: '',
          request_id: request.id,
          completed_at: new Date().toISOString().slice(0, 10),
        },
      }),
    );
  }

  releaseErasureNotice(manager: EntityManager, requestId: string): Promise<void> {
    return this.mail.release(manager, erasureKey(requestId));
  }

  private async addressOf(request: GdprRequest): Promise<string | null> {
    const user = request.subjectUserId ? await this.users.findById(request.subjectUserId) : null;
    if (user && !user.erasedAt) {
      return this.users.present(user).email;
    }
    const candidate = request.subjectCandidateId
      ? await this.identity.findById(request.subjectCandidateId)
      : null;
    return candidate && !candidate.erasedAt ? this.identity.decryptContact(candidate).email : null;
  }
}
