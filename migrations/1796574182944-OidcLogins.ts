import { MigrationInterface, QueryRunner } from 'typeorm';

// Sign-ins through the identity provider that have started and not yet come back (src/auth/oidc).
export class OidcLogins1796574182944 implements MigrationInterface {
  name = 'OidcLogins1796574182944';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "oidc_logins" ("id" uuid NOT NULL, "state_hash" character varying(64) NOT NULL, "code_verifier" character varying(128) NOT NULL, "nonce" character varying(128) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_oidc_logins" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oidc_logins_state_hash" ON "oidc_logins"  ("state_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_oidc_logins_expires" ON "oidc_logins"  ("expires_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_oidc_logins_expires"`);
    await queryRunner.query(`DROP INDEX "public"."uq_oidc_logins_state_hash"`);
    await queryRunner.query(`DROP TABLE "oidc_logins"`);
  }
}
