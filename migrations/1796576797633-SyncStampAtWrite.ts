import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 19, item 3: updated_at is stamped with the clock at the moment of writing instead of the
// transaction's start. A transaction that the sync horizon (src/common/pagination/sync-window.ts)
// does not see yet in pg_stat_activity can then only stamp after the horizon was read, so the
// horizon needs no safety margin and a change is listed as soon as it has committed.

const STAMP_AT_WRITE = `
  CREATE OR REPLACE FUNCTION panelist_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      IF NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
      END IF;
      IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := clock_timestamp();
      END IF;
    END IF;
    -- Never before the moment of writing: an earlier value (the transaction's start, or the
    -- application's clock read before BEGIN) could fall under the horizon of a walker while the
    -- row is still uncommitted.
    NEW.updated_at := date_trunc('milliseconds',
      GREATEST(COALESCE(NEW.updated_at, clock_timestamp()), clock_timestamp()));
    RETURN NEW;
  END $$`;

const STAMP_AT_START = `
  CREATE OR REPLACE FUNCTION panelist_set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      IF NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
      END IF;
      IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
      END IF;
    END IF;
    NEW.updated_at := date_trunc('milliseconds', GREATEST(COALESCE(NEW.updated_at, now()), now()));
    RETURN NEW;
  END $$`;

export class SyncStampAtWrite1796576797633 implements MigrationInterface {
  name = 'SyncStampAtWrite1796576797633';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(STAMP_AT_WRITE);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(STAMP_AT_START);
  }
}
