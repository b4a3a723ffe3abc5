import { MigrationInterface, QueryRunner } from 'typeorm';

// Readable names for the constraints that still carried TypeORM's hashed defaults: every primary
// key becomes pk_<table> and the one-to-one unique on candidates.user_id uq_candidates_user_id.
// schema_migrations is left alone: TypeORM creates it before any migration runs, with whatever
// name the naming strategy gives at that moment (pk_schema_migrations on a new database).
// The naming strategy (src/database/snake-naming.strategy.ts) gives new ones such names from now
// on. Renaming a constraint renames its index too; no data moves and no lock is held for long.
const RENAMES: [table: string, hashed: string, readable: string][] = [
  ['account_tokens', 'PK_5e3640c493cc6206a44b885e6a9', 'pk_account_tokens'],
  ['answer_scores', 'PK_95b4621609e4fc3421b827749c9', 'pk_answer_scores'],
  ['application_stage_history', 'PK_5fc6de3bfc19895d9502ef25b32', 'pk_application_stage_history'],
  ['applications', 'PK_938c0a27255637bde919591888f', 'pk_applications'],
  ['audit_events', 'PK_910f64d901a5c3e9878f0d4a407', 'pk_audit_events'],
  ['auth_sessions', 'PK_641507381f32580e8479efc36cd', 'pk_auth_sessions'],
  ['candidates', 'PK_140681296bf033ab1eb95288abb', 'pk_candidates'],
  ['candidates', 'REL_94a5fe85e7f5bd0221fa7d6f19', 'uq_candidates_user_id'],
  ['consents', 'PK_9efc68eb6aba7d638fb6ea034dd', 'pk_consents'],
  ['gdpr_exports', 'PK_56ec684e9b249511eb911c191cc', 'pk_gdpr_exports'],
  ['gdpr_requests', 'PK_e45b06ca7dd61ce128bb508e924', 'pk_gdpr_requests'],
  ['interview_answers', 'PK_b29d79de5cfb62e8ca9376d96a1', 'pk_interview_answers'],
  ['interview_events', 'PK_930641cff722c84acc42e443589', 'pk_interview_events'],
  ['interview_links', 'PK_e38d6a01140828ab57db931ba82', 'pk_interview_links'],
  ['interview_questions', 'PK_2ef2c099d8bc521e9b89e986b3c', 'pk_interview_questions'],
  ['interviews', 'PK_fd41af1f96d698fa33c2f070f47', 'pk_interviews'],
  ['jobs', 'PK_cf0a6c42b72fcc7f7c237def345', 'pk_jobs'],
  ['login_attempts', 'PK_070e613c8f768b1a70742705c5b', 'pk_login_attempts'],
  ['mail_messages', 'PK_1bd6e76ef3b3d4aff7d0510a509', 'pk_mail_messages'],
  ['mail_preferences', 'PK_c860c918160be5bb08b22bb1736', 'pk_mail_preferences'],
  ['mail_templates', 'PK_fa35b7af25d925a1c8406ba2ef6', 'pk_mail_templates'],
  ['media_analyses', 'PK_2c181261bfacabcf807be67d100', 'pk_media_analyses'],
  ['media_files', 'PK_93b4da6741cd150e76f9ac035d8', 'pk_media_files'],
  ['media_transcripts', 'PK_c73bd9ff60e5193f44b3b544b5d', 'pk_media_transcripts'],
  ['pipeline_stages', 'PK_92e43270eace072ad5182fc08e2', 'pk_pipeline_stages'],
  ['question_versions', 'PK_cf0e5fdf563f7d8286f7d8e68ea', 'pk_question_versions'],
  ['questions', 'PK_08a6d4b0f49ff300bf3a0ca60ac', 'pk_questions'],
  ['refresh_tokens', 'PK_7d8bee0204106019488c4c50ffa', 'pk_refresh_tokens'],
  ['rejection_reasons', 'PK_3c44025ee629cc19280c19cd1ba', 'pk_rejection_reasons'],
  ['resume_knowledge_sets', 'PK_d66702f21dd9a7e1032966a64a9', 'pk_resume_knowledge_sets'],
  ['resumes', 'PK_9c8677802096d6baece48429d2e', 'pk_resumes'],
  ['retention_policies', 'PK_c0f79bfde72a93e544c780a7470', 'pk_retention_policies'],
  ['retention_runs', 'PK_80f0aec401112f8d4bad156a908', 'pk_retention_runs'],
  ['scorecards', 'PK_5ab8d3887ff2fb66e229c1fdd89', 'pk_scorecards'],
  ['users', 'PK_a3ffb1c0c8416b9fc6f907b7433', 'pk_users'],
  ['video_meetings', 'PK_2e6872d82148135ffdc6aa67d48', 'pk_video_meetings'],
  ['video_recordings', 'PK_d001f2492522669609e89f396d9', 'pk_video_recordings'],
  ['video_signals', 'PK_f091f2bdd7ffe8636c23f6ce463', 'pk_video_signals'],
  ['video_transcript_lines', 'PK_5c48e2172ce4eec268173a89b0c', 'pk_video_transcript_lines'],
  ['webhook_deliveries', 'PK_535dd409947fb6d8fc6dfc0112a', 'pk_webhook_deliveries'],
  ['webhook_delivery_attempts', 'PK_59ef9124585b56c18b98548a0c6', 'pk_webhook_delivery_attempts'],
  ['webhook_endpoints', 'PK_054c4cfb95223732f5939d2d546', 'pk_webhook_endpoints'],
  ['zoom_webhook_events', 'PK_ac296164982db5021810bb854c7', 'pk_zoom_webhook_events'],
];

export class ReadableConstraintNames1796560000000 implements MigrationInterface {
  name = 'ReadableConstraintNames1796560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, hashed, readable] of RENAMES) {
      await queryRunner.query(
        `ALTER TABLE "${table}" RENAME CONSTRAINT "${hashed}" TO "${readable}"`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, hashed, readable] of [...RENAMES].reverse()) {
      await queryRunner.query(
        `ALTER TABLE "${table}" RENAME CONSTRAINT "${readable}" TO "${hashed}"`,
      );
    }
  }
}
