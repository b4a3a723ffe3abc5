import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from '../common/auth/role';
import { Page } from '../common/pagination/cursor';
import { keysetPage, PageRequest } from '../common/pagination/keyset';
import { User } from './entities/user.entity';

export interface UserListFilter {
  role?: Role;
  emailHash?: string;
  usernameLike?: string;
}

const BOOTSTRAP_LOCK_KEY = 727_100_003;

// Every query of the users table. Encrypted columns are sealed and opened by the
// encrypted-columns subscriber; a criteria update carries the id in its values for it.
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly rows: Repository<User>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.on(manager).findOneBy(User, { id });
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<User> {
    return this.on(manager).findOneByOrFail(User, { id });
  }

  findByUsername(username: string, manager?: EntityManager): Promise<User | null> {
    return this.on(manager).findOneBy(User, { username });
  }

  findByEmailHash(emailHash: string, manager?: EntityManager): Promise<User | null> {
    return this.on(manager).findOneBy(User, { emailHash });
  }

  // The account already holding this username or e-mail, if any.
  findHolderOf(username: string, emailHash: string, manager?: EntityManager): Promise<User | null> {
    return this.on(manager)
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.username = :username OR u.email_hash = :emailHash', { username, emailHash })
      .getOne();
  }

  usernameTaken(username: string, manager?: EntityManager): Promise<boolean> {
    return this.on(manager).existsBy(User, { username });
  }

  anyAdminExists(manager?: EntityManager): Promise<boolean> {
    return this.on(manager).existsBy(User, { role: Role.Admin });
  }

  async insert(user: Partial<User> & { id: string }, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(User, user);
  }

  lockById(id: string, manager: EntityManager): Promise<User | null> {
    return manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockByEmailHash(emailHash: string, manager: EntityManager): Promise<User | null> {
    return manager.findOne(User, { where: { emailHash }, lock: { mode: 'pessimistic_write' } });
  }

  lockLive(id: string, manager: EntityManager): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.id = :id AND u.erased_at IS NULL', { id })
      .getOne();
  }

  async update(id: string, changes: Partial<User>, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(User, { id }, { ...changes, id });
  }

  // Two instances booting together create one first admin.
  async waitForAdminBootstrapTurn(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
  }

  // People's accounts, newest first; API keys' service accounts are listed under
  // /api/admin/api-keys.
  listLive<T>(
    filter: UserListFilter,
    page: PageRequest,
    present: (user: User) => T,
  ): Promise<Page<T>> {
    const qb = this.rows
      .createQueryBuilder('u')
      .where('u.erased_at IS NULL')
      .andWhere('NOT EXISTS (SELECT 1 FROM api_keys k WHERE k.id = u.id)');
    if (filter.role) {
      qb.andWhere('u.role = :role', { role: filter.role });
    }
    if (filter.emailHash) {
      qb.andWhere('u.email_hash = :emailHash', { emailHash: filter.emailHash });
    }
    if (filter.usernameLike) {
      qb.andWhere('u.username LIKE :like', { like: filter.usernameLike });
    }
    return keysetPage(
      qb,
      page,
      { column: 'created_at', direction: 'DESC', key: (u) => [u.createdAt, u.id] },
      present,
    );
  }
}
