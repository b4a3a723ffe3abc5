import { findUncoveredTables, personalDataColumns } from './personal-data-coverage';

describe('findUncoveredTables', () => {
  const entities = [
    { table: 'candidates', columns: ['id', 'email_hash', 'email_encrypted', 'skills'] },
    { table: 'scorecards', columns: ['id', 'notes_encrypted', 'rating'] },
    { table: 'jobs', columns: ['id', 'title', 'description'] },
    { table: 'webhook_endpoints', columns: ['id', 'url', 'secret_encrypted'] },
    { table: 'video_transcript_lines', columns: ['id', 'meeting_id', 'text_encrypted'] },
  ];

  it('reports a table with an encrypted column that no handler declares', () => {
    expect(findUncoveredTables(entities, ['candidates', 'scorecards'])).toEqual([
      { table: 'video_transcript_lines', columns: ['text_encrypted'] },
    ]);
  });

  it('reports allow-listed personal columns that are not encrypted', () => {
    expect(findUncoveredTables(entities, ['scorecards', 'video_transcript_lines'])).toEqual([
      { table: 'candidates', columns: ['email_hash', 'email_encrypted'] },
    ]);
  });

  it('passes when every table with personal data is covered', () => {
    expect(
      findUncoveredTables(entities, ['candidates', 'scorecards', 'video_transcript_lines']),
    ).toEqual([]);
  });

  it('ignores tables without personal data and encrypted secrets that are not about a person', () => {
    expect(personalDataColumns(entities[2])).toEqual([]);
    expect(personalDataColumns(entities[3])).toEqual([]);
  });
});
