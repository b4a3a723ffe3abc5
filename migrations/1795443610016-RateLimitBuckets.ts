import { MigrationInterface, QueryRunner } from 'typeorm';

// Global request counts per window, shared by every instance (src/common/throttling). No entity:
// the storage writes it with raw SQL. Keys are keyed digests, never an address or account id.
// UNLOGGED: counts live for a minute or two, so they skip the WAL (and are emptied after a crash,
// which at worst lets a client start its window again). fillfactor leaves room for HOT updates of
// `hits`, which no index covers.
export class RateLimitBuckets1795443610016 implements MigrationInterface {
  name = 'RateLimitBuckets1795443610016';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_buckets" ("key" character varying(32) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "pk_rate_limit_buckets" PRIMARY KEY ("key", "window_start")) WITH (fillfactor = 70)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_buckets"`);
  }
}
