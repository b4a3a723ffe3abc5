import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../common/auth/policy.decorators';
import { hasAtLeast, Role } from '../common/auth/role';
import {
  BadRequestProblem,
  ConflictProblem,
  NotFoundProblem,
} from '../common/errors/domain.exception';
import { Page } from '../common/pagination/cursor';
import { keysetPage } from '../common/pagination/keyset';
import { CryptoService } from '../crypto/crypto.service';
import { UpdateUserDto } from './dto/auth.dto';
import { UserQueryDto } from './dto/user-query.dto';
import { User } from './entities/user.entity';
import { isCommonPassword } from './passwords/common-passwords';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './session.service';
import { presentUser, userAad, UserResponse } from './user.presenter';

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
    private readonly dataSource: DataSource,
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
    const clash = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.username = :username OR u.email_hash = :emailHash', { username, emailHash })
      .getOne();
    if (clash) {
      throw new ConflictProblem(
        clash.username === username ? 'USERNAME_TAKEN' : 'EMAIL_TAKEN',
        clash.username === username
          ? 'This username is already taken'
          : 'An account with this e-mail already exists',
      );
    }
    const id = randomUUID();
    const user = manager.create(User, {
      id,
      username,
      emailEncrypted: this.crypto.encrypt(
        CryptoService.normaliseEmail(input.email),
        userAad(id, 'email'),
      ),
      emailHash,
      fullNameEncrypted: this.crypto.encryptNullable(
        input.full_name?.trim() || null,
        userAad(id, 'full_name'),
      ),
      phoneEncrypted: this.crypto.encryptNullable(
        input.phone?.trim() || null,
        userAad(id, 'phone'),
      ),
      company: input.company?.trim() || null,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      isActive: true,
      tokenVersion: 0,
      emailVerifiedAt: null,
      erasedAt: null,
    });
    try {
      await manager.insert(User, user);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictProblem(
          'ACCOUNT_EXISTS',
          'An account with this username or e-mail already exists',
        );
      }
      throw error;
    }
    return manager.findOneByOrFail(User, { id });
  }

  async findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  async findByLogin(identifier: string): Promise<User | null> {
    const trimmed = identifier.trim();
    const repo = this.dataSource.getRepository(User);
    if (trimmed.includes('@')) {
      return repo.findOneBy({ emailHash: this.crypto.emailIndex(trimmed) });
    }
    return repo.findOneBy({ username: trimmed.toLowerCase() });
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .findOneBy({ emailHash: this.crypto.emailIndex(email) });
  }

  present(user: User): UserResponse {
    return presentUser(user, this.crypto);
  }

  async createByAdmin(actor: AuthUser, input: NewUser): Promise<UserResponse> {
    const user = await this.dataSource.transaction(async (manager) => {
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
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.erased_at IS NULL')
      // API keys' service accounts are listed under /api/admin/api-keys.
      .andWhere('NOT EXISTS (SELECT 1 FROM api_keys k WHERE k.id = u.id)');
    if (query.role) {
      qb.andWhere('u.role = :role', { role: query.role });
    }
    if (query.q) {
      const q = query.q.trim();
      if (q.includes('@')) {
        qb.andWhere('u.email_hash = :emailHash', { emailHash: this.crypto.emailIndex(q) });
      } else {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        // Company is encrypted personal data: it is not searchable.
        qb.andWhere('u.username LIKE :like', { like });
      }
    }
    return keysetPage(
      qb,
      query,
      { column: 'created_at', direction: 'DESC', key: (u) => [u.createdAt, u.id] },
      (u) => this.present(u),
    );
  }

  // Role changes and deactivation bump the token version: every token issued before stops working.
  async updateByAdmin(actor: AuthUser, id: string, patch: UpdateUserDto): Promise<UserResponse> {
    const user = await this.dataSource.transaction(async (manager) => {
      const target = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :id AND u.erased_at IS NULL', { id })
        .getOne();
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
        await manager.update(User, { id: target.id }, changes);
        await this.sessions.revokeAllForUser(manager, target.id, 'account_changed');
      }
      return manager.findOneByOrFail(User, { id: target.id });
    });
    return this.present(user);
  }
}
