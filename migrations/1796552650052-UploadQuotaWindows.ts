import { MigrationInterface, QueryRunner } from 'typeorm';

// Bytes and files uploaded per client address per window (issue #13.5), shared by every instance
// (src/common/throttling/upload-quota.service.ts). No entity: written with raw SQL like
// rate_limit_buckets. Keys are keyed digests of the address, never the address. UNLOGGED: counts
// live for a window or two; a crash empties them, which at worst restarts a client's window.
export class UploadQuotaWindows1796552650052 implements MigrationInterface {
  name = 'UploadQuotaWindows1796552650052';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "upload_quota_windows" ("key" character varying(32) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "bytes" bigint NOT NULL, "files" integer NOT NULL, CONSTRAINT "pk_upload_quota_windows" PRIMARY KEY ("key", "window_start"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "upload_quota_windows"`);
  }
}
