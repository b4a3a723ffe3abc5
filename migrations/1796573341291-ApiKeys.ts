import { MigrationInterface, QueryRunner } from 'typeorm';

// Integrations' API keys (API.md "Integrations"): each key is a service account (its id is the
// users row it acts as). Revoking a key, or changing its scopes or expiry, notifies every API
// instance at commit, like a change to an account (migration AccountStateNotify).
export class ApiKeys1796573341291 implements MigrationInterface {
  name = 'ApiKeys1796573341291';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "scopes" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_keys_prefix" ON "api_keys"  ("prefix") `);
    await queryRunner.query(`CREATE INDEX "ix_api_keys_created" ON "api_keys"  ("created_at") `);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_account" FOREIGN KEY ("id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_api_keys_account_state" AFTER UPDATE OF "revoked_at", "scopes", "expires_at" ON "api_keys" FOR EACH ROW WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at" OR OLD."scopes" IS DISTINCT FROM NEW."scopes" OR OLD."expires_at" IS DISTINCT FROM NEW."expires_at") EXECUTE FUNCTION "notify_account_state"('id')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_api_keys_account_state_delete" AFTER DELETE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION "notify_account_state"('id')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_api_keys_account_state_delete" ON "api_keys"`);
    await queryRunner.query(`DROP TRIGGER "tr_api_keys_account_state" ON "api_keys"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_created_by"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_keys_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_keys_prefix"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
