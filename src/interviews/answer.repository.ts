import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import { AnswerScoreRecord } from './entities/answer-score.entity';
import { InterviewAnswer } from './entities/interview-answer.entity';
import type { ScoringStatus } from './entities/interview-answer.entity';

export interface NearDuplicateCandidate {
  id: string;
  interview_id: string;
  minhash: number[];
  similar_answer_ids: string[];
}

// Answers and their scores. Writes go through the entity manager so the encrypted answer text
// is sealed by the encrypted-columns subscriber (the id travels with the values).
@Injectable()
export class AnswerRepository {
  constructor(
    @InjectRepository(InterviewAnswer) private readonly rows: Repository<InterviewAnswer>,
  ) {}

  private on(manager: EntityManager | undefined): EntityManager {
    return manager ?? this.rows.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<InterviewAnswer | null> {
    return this.on(manager).findOneBy(InterviewAnswer, { id });
  }

  findInInterview(
    id: string,
    interviewId: string,
    manager?: EntityManager,
  ): Promise<InterviewAnswer | null> {
    return this.on(manager).findOneBy(InterviewAnswer, { id, interviewId });
  }

  isAnswered(interviewId: string, questionId: string, manager?: EntityManager): Promise<boolean> {
    return this.on(manager).existsBy(InterviewAnswer, { interviewId, questionId });
  }

  async answeredQuestionIds(interviewId: string, manager?: EntityManager): Promise<Set<string>> {
    const rows = await this.on(manager).find(InterviewAnswer, {
      select: { questionId: true },
      where: { interviewId },
    });
    return new Set(rows.map((a) => a.questionId));
  }

  async idsOfCandidate(candidateId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.on(manager).find(InterviewAnswer, {
      select: { id: true },
      where: { candidateId },
    });
    return rows.map((a) => a.id);
  }

  forInterview(interviewId: string, manager?: EntityManager): Promise<InterviewAnswer[]> {
    return this.on(manager).find(InterviewAnswer, { where: { interviewId } });
  }

  async lastSubmittedAt(interviewId: string, manager?: EntityManager): Promise<Date | null> {
    const [row] = await this.on(manager).query<{ last: Date | null }[]>(
      'SELECT max(submitted_at) AS last FROM interview_answers WHERE interview_id = $1',
      [interviewId],
    );
    return row?.last ? new Date(row.last) : null;
  }

  async insert(values: DeepPartial<InterviewAnswer>, manager?: EntityManager): Promise<void> {
    await this.on(manager).insert(
      InterviewAnswer,
      this.on(manager).create(InterviewAnswer, values),
    );
  }

  async update(
    id: string,
    changes: DeepPartial<InterviewAnswer>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager).update(
      InterviewAnswer,
      { id },
      {
        id,
        ...changes,
      },
    );
  }

  // Answers of the interview still in `statuses` that no human has scored yet.
  async countUnsettled(
    interviewId: string,
    statuses: readonly ScoringStatus[],
    manager?: EntityManager,
  ): Promise<number> {
    const [{ open }] = await this.on(manager).query<{ open: number }[]>(
      `SELECT count(*)::int AS open FROM interview_answers a
        WHERE a.interview_id = $1 AND a.scoring_status = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM answer_scores s WHERE s.answer_id = a.id AND s.kind = 'human')`,
      [interviewId, statuses],
    );
    return open;
  }

  // Other candidates' answers to the question sharing an LSH band with the fingerprint; the
  // caller's exact MinHash comparison decides.
  nearDuplicateCandidates(
    questionId: string,
    otherThanCandidateId: string,
    lshBands: string[],
    limit: number,
    manager?: EntityManager,
  ): Promise<NearDuplicateCandidate[]> {
    return this.on(manager).query<NearDuplicateCandidate[]>(
      `SELECT id, interview_id, minhash, similar_answer_ids FROM interview_answers
        WHERE question_id = $1 AND candidate_id <> $2 AND minhash IS NOT NULL
          AND lsh_bands && $3::text[]
        LIMIT ${limit}`,
      [questionId, otherThanCandidateId, lshBands],
    );
  }

  scoresOf(answerIds: string[], manager?: EntityManager): Promise<AnswerScoreRecord[]> {
    return answerIds.length
      ? this.on(manager).find(AnswerScoreRecord, { where: { answerId: In(answerIds) } })
      : Promise.resolve([]);
  }

  // ON CONFLICT (answer_id, kind) DO NOTHING: a retried scoring job never adds a second one.
  async insertMachineScore(
    score: DeepPartial<AnswerScoreRecord>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager)
      .createQueryBuilder()
      .insert()
      .into(AnswerScoreRecord)
      .values(score)
      .orIgnore()
      .execute();
  }

  // One human review per answer: a second review replaces the first.
  async upsertHumanScore(
    score: DeepPartial<AnswerScoreRecord>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.on(manager)
      .createQueryBuilder()
      .insert()
      .into(AnswerScoreRecord)
      .values(score)
      .orUpdate(
        [
          'scored_by',
          'relevance',
          'completeness',
          'accuracy',
          'clarity',
          'overall',
          'rationale',
          'reviewer_id',
          'updated_at',
        ],
        ['answer_id', 'kind'],
      )
      .execute();
  }
}
