import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/policy.decorators';
import { hasAtLeast, Role } from '../common/auth/role';
import {
  BadRequestProblem,
  ConflictProblem,
  NotFoundProblem,
} from '../common/errors/domain.exception';
import { Page } from '../common/pagination/cursor';
import { CryptoService } from '../crypto/crypto.service';
import { UpdateUserDto } from './dto/auth.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { User } from './entities/user.entity';
import { isCommonPassword } from './passwords/common-passwords';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './session.service';
import { presentUser, UserResponse } from './user.presenter';
import { UserListFilter, UsersRepository } from './users.repository';

export interface NewUser {
  username: string;
  email: string;
  password: string;
  role: Role;
  full_name?: string | null;
  phone?: string | null;
  company?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rows: UsersRepository,
    private readonly crypto: CryptoService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  assertPasswordAcceptable(password: string, field = 'password'): void {
    if (isCommonPassword(password)) {
      throw new BadRequestProblem(
        'PASSWORD_TOO_COMMON',
        'This password is too common; choose another',
        [{ field, message: `${field} appears in a list of commonly used passwords` }],
      );
    }
  }

  // Username and e-mail uniqueness are enforced by unique indexes; the pre-check only gives a
  // clear message, the index catches races.
  async createUser(manager: EntityManager, input: NewUser): Promise<User> {
    this.assertPasswordAcceptable(input.password);
    const username = input.username.toLowerCase();
    const emailHash = this.crypto.emailIndex(input.email);
    const clash = await this.rows.findHolderOf(username, emailHash, manager);
    if (clash) {
      throw new ConflictProblem(
        clash.username === username ? 'USERNAME_TAKEN' : 'EMAIL_TAKEN',
        clash.username === username
          ? 'This username is already taken'
          : 'An account with this e-mail already exists',
      );
    }
    const id = randomUUID();
    const user: Partial<User> & { id: string } = {
      id,
      username,
      email: CryptoService.normaliseEmail(input.email),
      emailHash,
      fullName: input.full_name?.trim() || null,
      phone: input.phone?.trim() || null,
      company: input.company?.trim() || null,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      isActive: true,
      tokenVersion: 0,
      emailVerifiedAt: null,
      erasedAt: null,
    };
    try {
      await this.rows.insert(user, manager);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictProblem(
          'ACCOUNT_EXISTS',
          'An account with this username or e-mail already exists',
        );
      }
      throw error;
    }
    return this.rows.findByIdOrFail(id, manager);
  }

  async findById(id: string): Promise<User | null> {
    return this.rows.findById(id);
  }

  async findByLogin(identifier: string): Promise<User | null> {
    const trimmed = identifier.trim();
    if (trimmed.includes('@')) {
      return this.rows.findByEmailHash(this.crypto.emailIndex(trimmed));
    }
    return this.rows.findByUsername(trimmed.toLowerCase());
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.rows.findByEmailHash(this.crypto.emailIndex(email));
  }

  present(user: User): UserResponse {
    return presentUser(user);
  }

  async createByAdmin(actor: AuthUser, input: NewUser): Promise<UserResponse> {
    const user = await this.transactions.run(async (manager) => {
      const created = await this.createUser(manager, input);
      await this.audit.record(manager, {
        actorId: actor.id,
        actorRole: actor.role,
        action: 'user.created',
        targetType: 'user',
        targetId: created.id,
        metadata: { role: created.role },
      });
      return created;
    });
    return this.present(user);
  }

  async list(query: UserQueryDto): Promise<Page<UserResponse>> {
    const filter: UserListFilter = { role: query.role };
    if (query.q) {
      const q = query.q.trim();
      if (q.includes('@')) {
        filter.emailHash = this.crypto.emailIndex(q);
      } else {
        // Company is encrypted personal data: it is not searchable.
        filter.usernameLike = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
    }
    return this.rows.listLive(filter, query, (u) => this.present(u));
  }

  // Role changes and deactivation bump the token version: every token issued before stops working.
  async updateByAdmin(actor: AuthUser, id: string, patch: UpdateUserDto): Promise<UserResponse> {
    const user = await this.transactions.run(async (manager) => {
      const target = await this.rows.lockLive(id, manager);
      if (!target) {
        throw new NotFoundProblem('User');
      }
      if (
        target.id === actor.id &&
        (patch.is_active === false || (patch.role && !hasAtLeast(patch.role, Role.Admin)))
      ) {
        throw new ConflictProblem(
          'CANNOT_DEMOTE_SELF',
          'Admins cannot deactivate or demote themselves',
        );
      }
      const changes: Partial<User> = {};
      if (patch.role && patch.role !== target.role) {
        changes.role = patch.role;
        await this.audit.record(manager, {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'user.role_changed',
          targetType: 'user',
          targetId: target.id,
          metadata: { from: target.role, to: patch.role },
        });
      }
      if (patch.is_active !== undefined && patch.is_active !== target.isActive) {
        changes.isActive = patch.is_active;
        await this.audit.record(manager, {
          actorId: actor.id,
          actorRole: actor.role,
          action: patch.is_active ? 'user.activated' : 'user.deactivated',
          targetType: 'user',
          targetId: target.id,
        });
      }
      if (Object.keys(changes).length > 0) {
        changes.tokenVersion = target.tokenVersion + 1;
        await this.rows.update(target.id, changes, manager);
        await this.sessions.revokeAllForUser(manager, target.id, 'account_changed');
      }
      return this.rows.findByIdOrFail(target.id, manager);
    });
    return this.present(user);
  }
}
