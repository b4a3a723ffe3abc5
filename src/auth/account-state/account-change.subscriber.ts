import { Injectable } from '@nestjs/common';
import { CommittedChangeSubscriber } from '../../database/committed-change.subscriber';
import { EntitySubscribers } from '../../database/entity-subscribers';
import { ApiKey } from '../entities/api-key.entity';
import { AuthSession } from '../entities/auth-session.entity';
import { User } from '../entities/user.entity';
import { AccountStateCache } from './account-state.cache';

// This process's own changes to the tables that decide whether a token still grants access reach
// its cache synchronously, right after the commit and before the answer that reports them is
// sent; other processes learn of them by NOTIFY (AccountStateCache). The event does not say which
// rows an update touched, and these changes are rare (sign-out, password, role, deactivation), so
// the whole local cache is dropped. Inserts are not changes here (a sign-in adds a session).
@Injectable()
export class AccountChangeSubscriber extends CommittedChangeSubscriber {
  constructor(
    subscribers: EntitySubscribers,
    private readonly cache: AccountStateCache,
  ) {
    super(new Set<unknown>([User, AuthSession, ApiKey]), false);
    subscribers.attach(this);
  }

  protected committed(): void {
    this.cache.invalidateAll();
  }
}
