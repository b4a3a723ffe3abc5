import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role } from '../../common/auth/role';
import { Page } from '../../common/pagination/cursor';
import { keysetPage, PageRequest } from '../../common/pagination/keyset';
import { ApiKey } from '../entities/api-key.entity';

// What authenticating a key needs: the key and the state of the account it acts as.
export interface ApiKeyAccountState {
  secret_hash: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  role: Role;
  usable: boolean;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectRepository(ApiKey) private readonly rows: Repository<ApiKey>) {}

  private on(manager?: EntityManager): EntityManager {
    return manager ?? this.rows.manager;
  }

  async insert(key: Partial<ApiKey> & { id: string }, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(ApiKey, key);
  }

  findByIdOrFail(id: string, manager?: EntityManager): Promise<ApiKey> {
    return this.on(manager).findOneByOrFail(ApiKey, { id });
  }

  lockById(id: string, manager: EntityManager): Promise<ApiKey | null> {
    return manager.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markRevoked(id: string, manager?: EntityManager): Promise<void> {
    await this.on(manager).update(ApiKey, { id }, { revokedAt: new Date() });
  }

  listNewestFirst<T>(page: PageRequest, present: (key: ApiKey) => T): Promise<Page<T>> {
    return keysetPage(
      this.rows.createQueryBuilder('k'),
      page,
      { column: 'created_at', direction: 'DESC', key: (k) => [k.createdAt, k.id] },
      present,
    );
  }

  async readAccountState(id: string): Promise<ApiKeyAccountState | undefined> {
    const rows = await this.rows.query<ApiKeyAccountState[]>(
      `SELECT k.secret_hash, k.scopes, k.expires_at, k.revoked_at, u.role,
              (u.is_active AND u.erased_at IS NULL) AS usable
         FROM api_keys k JOIN users u ON u.id = k.id
        WHERE k.id = $1`,
      [id],
    );
    return rows[0];
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.rows.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
