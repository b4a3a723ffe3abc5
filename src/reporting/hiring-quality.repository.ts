import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AiHumanAgreement,
  InterviewerCalibration,
  QuestionScoreDistribution,
} from './hiring-quality.presenter';

// The hiring-quality report's reads, over the views the owning modules publish.
@Injectable()
export class HiringQualityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async jobExists(jobId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM report_jobs WHERE id = $1', [jobId]);
    return rows.length > 0;
  }

  // Each interviewer's recommendations against the other interviewers' on the same applications
  // (several scorecards by one interviewer on one application are averaged first).
  calibration(jobId: string | null): Promise<InterviewerCalibration[]> {
    return this.dataSource.query<InterviewerCalibration[]>(
      `WITH scored AS (
         SELECT s.application_id, s.interviewer_id,
                avg(CASE s.overall_recommendation
                      WHEN 'definitely_not' THEN 1 WHEN 'no' THEN 2 WHEN 'yes' THEN 3 WHEN 'strong_yes' THEN 4
                    END)::float8 AS score,
                count(*)::int AS cards
           FROM report_scorecards s JOIN report_applications a ON a.id = s.application_id
          WHERE s.overall_recommendation <> 'no_decision' AND ($1::uuid IS NULL OR a.job_id = $1)
          GROUP BY s.application_id, s.interviewer_id),
       paired AS (
         SELECT me.interviewer_id, me.score, me.cards,
                (SELECT avg(o.score) FROM scored o
                  WHERE o.application_id = me.application_id AND o.interviewer_id <> me.interviewer_id)
                  AS others
           FROM scored me)
       SELECT interviewer_id,
              sum(cards)::int AS scorecards,
              round(avg(score)::numeric, 3)::float8 AS mean_recommendation,
              count(others)::int AS compared_applications,
              round(avg(others)::numeric, 3)::float8 AS panel_mean,
              round(avg(score - others)::numeric, 3)::float8 AS delta
         FROM paired GROUP BY interviewer_id
        ORDER BY abs(coalesce(avg(score - others), 0)) DESC, interviewer_id`,
      [jobId],
    );
  }

  async approvalCounts(jobId: string | null): Promise<{ questions: number; approved: number }> {
    const [row] = await this.dataSource.query<{ questions: number; approved: number }[]>(
      `SELECT count(*)::int AS questions, count(*) FILTER (WHERE is_approved)::int AS approved
         FROM report_questions WHERE ($1::uuid IS NULL OR job_id = $1)`,
      [jobId],
    );
    return row;
  }

  // An answer's effective score is the human review when there is one, else the machine's.
  distributions(jobId: string | null): Promise<QuestionScoreDistribution[]> {
    return this.dataSource.query<QuestionScoreDistribution[]>(
      `WITH effective AS (
         SELECT ans.question_id,
                coalesce(max(s.overall) FILTER (WHERE s.kind = 'human'),
                         max(s.overall) FILTER (WHERE s.kind = 'machine'))::float8 AS score
           FROM report_interview_answers ans
           JOIN report_questions q ON q.id = ans.question_id
           JOIN report_answer_scores s ON s.answer_id = ans.id
          WHERE ($1::uuid IS NULL OR q.job_id = $1)
          GROUP BY ans.id, ans.question_id)
       SELECT question_id, count(*)::int AS answers,
              round(avg(score)::numeric, 2)::float8 AS mean,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY score))::numeric, 2)::float8 AS median,
              ARRAY[count(*) FILTER (WHERE score < 2),
                    count(*) FILTER (WHERE score >= 2 AND score < 4),
                    count(*) FILTER (WHERE score >= 4 AND score < 6),
                    count(*) FILTER (WHERE score >= 6 AND score < 8),
                    count(*) FILTER (WHERE score >= 8)]::int[] AS buckets
         FROM effective GROUP BY question_id ORDER BY answers DESC, question_id LIMIT 100`,
      [jobId],
    );
  }

  // Answers a domain expert reviewed: how far the machine's overall score was from the human's.
  async agreement(jobId: string | null): Promise<AiHumanAgreement> {
    const [row] = await this.dataSource.query<AiHumanAgreement[]>(
      `SELECT count(*)::int AS pairs,
              round(avg(abs(m.overall - h.overall))::numeric, 3)::float8 AS mean_absolute_difference,
              round(avg(CASE WHEN abs(m.overall - h.overall) <= 1 THEN 1 ELSE 0 END)::numeric, 4)::float8
                AS within_one_point
         FROM report_answer_scores m
         JOIN report_answer_scores h ON h.answer_id = m.answer_id AND h.kind = 'human'
         JOIN report_interview_answers ans ON ans.id = m.answer_id
         JOIN report_questions q ON q.id = ans.question_id
        WHERE m.kind = 'machine' AND ($1::uuid IS NULL OR q.job_id = $1)`,
      [jobId],
    );
    return row;
  }
}
