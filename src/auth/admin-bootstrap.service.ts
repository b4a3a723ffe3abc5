import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { authConfig } from '../config/namespaces';
import { Role } from '../common/auth/role';
import { announceFirstAdmin, FirstAdmin } from '../common/lifecycle/startup-summary';
import { Transactions } from '../database/transactions';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

// The first admin: from ADMIN_EMAIL / ADMIN_PASSWORD, or generated and printed once when no admin
// exists yet. Runs under an advisory lock so two instances booting together create one admin.
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: UsersRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly settings: ConfigType<typeof authConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.settings;
    const announce: FirstAdmin[] = [];
    await this.transactions.run(async (manager) => {
      await this.accounts.waitForAdminBootstrapTurn(manager);
      if (settings.adminEmail && (await this.users.findByEmail(settings.adminEmail))) {
        return;
      }
      if (!settings.adminEmail && (await this.accounts.anyAdminExists(manager))) {
        return;
      }
      const email = settings.adminEmail ?? 'admin@panelist.local';
      const password = settings.adminPassword ?? randomBytes(15).toString('base64url');
      const username = email
        .split('@')[0]
        .replace(/[^A-Za-z0-9_.-]/g, '')
        .slice(0, 32)
        .padEnd(3, '0');
      const taken = await this.accounts.usernameTaken(username, manager);
      const admin = await this.users.createUser(manager, {
        username: taken ? `${username.slice(0, 24)}-${randomBytes(3).toString('hex')}` : username,
        email,
        password,
        role: Role.Admin,
        full_name: 'Administrator',
      });
      await this.audit.record(manager, {
        actorId: null,
        action: 'user.admin_bootstrapped',
        targetType: 'user',
        targetId: admin.id,
      });
      if (!settings.adminPassword) {
        announce.push({ username: admin.username, email, password });
      }
    });
    // After the commit: printed once, in main.ts's start-up summary or at once elsewhere.
    announce.forEach(announceFirstAdmin);
  }
}
