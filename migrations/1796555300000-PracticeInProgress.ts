import { MigrationInterface, QueryRunner } from 'typeorm';

// A candidate's own practice has no schedule: new practice interviews are created 'In Progress'.
// Practice interviews created before that were left 'Scheduled' until a start call nobody needs
// to make any more; they move on the same way (started when they were created).
export class PracticeInProgress1796555300000 implements MigrationInterface {
  name = 'PracticeInProgress1796555300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "interviews" SET "status" = 'In Progress', "started_at" = coalesce("started_at", "created_at")
        WHERE "kind" = 'practice' AND "status" = 'Scheduled'`,
    );
  }

  public async down(): Promise<void> {
    // Nothing to undo: 'In Progress' is a valid state for these interviews under the old code.
  }
}
