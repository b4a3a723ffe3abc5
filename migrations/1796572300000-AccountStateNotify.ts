import { MigrationInterface, QueryRunner } from 'typeorm';

// Every change that can end a token's access (users: role, is_active, token_version, erased_at;
// auth_sessions: revoked_at, a deleted session) sends NOTIFY account_state '<user id>' at commit,
// so each API process drops that account from its in-memory account-state cache
// (src/auth/account-state). A trigger rather than application code: a change made by hand in
// psql revokes as promptly as one made through the API.
export class AccountStateNotify1796572300000 implements MigrationInterface {
  name = 'AccountStateNotify1796572300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "notify_account_state"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('account_state', (to_jsonb(OLD) ->> TG_ARGV[0]));
        ELSE
          PERFORM pg_notify('account_state', (to_jsonb(NEW) ->> TG_ARGV[0]));
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_users_account_state"
        AFTER UPDATE OF "role", "is_active", "token_version", "erased_at" ON "users"
        FOR EACH ROW
        WHEN (OLD."role" IS DISTINCT FROM NEW."role"
           OR OLD."is_active" IS DISTINCT FROM NEW."is_active"
           OR OLD."token_version" IS DISTINCT FROM NEW."token_version"
           OR OLD."erased_at" IS DISTINCT FROM NEW."erased_at")
        EXECUTE FUNCTION "notify_account_state"('id')`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_users_account_state_delete" AFTER DELETE ON "users"
        FOR EACH ROW EXECUTE FUNCTION "notify_account_state"('id')`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_auth_sessions_account_state"
        AFTER UPDATE OF "revoked_at" ON "auth_sessions"
        FOR EACH ROW WHEN (OLD."revoked_at" IS DISTINCT FROM NEW."revoked_at")
        EXECUTE FUNCTION "notify_account_state"('user_id')`);
    await queryRunner.query(`
      CREATE TRIGGER "tr_auth_sessions_account_state_delete" AFTER DELETE ON "auth_sessions"
        FOR EACH ROW EXECUTE FUNCTION "notify_account_state"('user_id')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "tr_auth_sessions_account_state_delete" ON "auth_sessions"`,
    );
    await queryRunner.query(`DROP TRIGGER "tr_auth_sessions_account_state" ON "auth_sessions"`);
    await queryRunner.query(`DROP TRIGGER "tr_users_account_state_delete" ON "users"`);
    await queryRunner.query(`DROP TRIGGER "tr_users_account_state" ON "users"`);
    await queryRunner.query(`DROP FUNCTION "notify_account_state"()`);
  }
}
