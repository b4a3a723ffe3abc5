import {
  entityColumns,
  findStaleDeclarations,
  findUncoveredColumns,
  HandlerTables,
  TableColumns,
} from './personal-data-coverage';
import { NotPersonalData } from '../../kernel/personal-data/not-personal-data';

@NotPersonalData('Job postings: company data')
class JobLike {}

class CandidateLike {
  @NotPersonalData('A stage key')
  stage: string;
}

const column = (name: string, textLike = true, notPersonalReason?: string) => ({
  name,
  textLike,
  notPersonalReason,
});

describe('13.8 personal-data coverage', () => {
  const entities: TableColumns[] = [
    {
      table: 'candidates',
      columns: [
        column('id', false),
        column('email_encrypted'),
        column('stage', true, 'A stage key'),
      ],
    },
    { table: 'interview_events', columns: [column('id', false), column('detail')] },
    { table: 'jobs', columns: [column('title', true, 'Job postings')] },
  ];
  const handlers: HandlerTables[] = [
    { handler: 'candidates', tables: { candidates: ['email_encrypted'] } },
    { handler: 'interviews', tables: { interview_events: 'rows' } },
  ];

  it('13.8 passes when every text column is erased or declared not personal', () => {
    expect(findUncoveredColumns(entities, handlers)).toEqual([]);
  });

  it('13.8 fails when an entity gains a text column nobody erases or declares', () => {
    const grown = [
      ...entities.slice(1),
      { ...entities[0], columns: [...entities[0].columns, column('nickname')] },
    ];

    expect(findUncoveredColumns(grown, handlers)).toEqual([
      { table: 'candidates', column: 'nickname' },
    ]);
  });

  it('13.8 fails when a handler stops erasing a column (or deleting the rows)', () => {
    expect(findUncoveredColumns(entities, [handlers[0]])).toEqual([
      { table: 'interview_events', column: 'detail' },
    ]);
  });

  it('reports declarations that name no entity table or column', () => {
    expect(
      findStaleDeclarations(entities, [
        { handler: 'x', tables: { candidates: ['emial_encrypted'], gone: 'rows' } },
      ]),
    ).toEqual([
      { handler: 'x', table: 'candidates', column: 'emial_encrypted' },
      { handler: 'x', table: 'gone' },
    ]);
  });

  it('reads declarations and text-like types from entity metadata', () => {
    const read = entityColumns([
      {
        tableName: 'jobs',
        target: JobLike,
        columns: [{ databaseName: 'title', propertyName: 'title', type: 'varchar' }],
      },
      {
        tableName: 'candidates',
        target: CandidateLike,
        columns: [
          { databaseName: 'id', propertyName: 'id', type: 'uuid' },
          { databaseName: 'stage', propertyName: 'stage', type: 'varchar' },
          { databaseName: 'skills', propertyName: 'skills', type: 'text' },
          { databaseName: 'detail', propertyName: 'detail', type: 'jsonb' },
          { databaseName: 'years', propertyName: 'years', type: 'numeric' },
        ],
      },
    ]);

    expect(read).toEqual([
      { table: 'jobs', columns: [column('title', true, 'Job postings: company data')] },
      {
        table: 'candidates',
        columns: [
          column('id', false),
          column('stage', true, 'A stage key'),
          column('skills'),
          column('detail'),
          column('years', false),
        ],
      },
    ]);
  });
});
