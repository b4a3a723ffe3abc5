import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { wav } from '../support/audio-fixtures';
import { createStaff, loginAdmin, signupCandidate, SignedIn, unique } from '../support/factories';
import { FakeGemini, startFakeGemini } from '../support/fake-gemini-server';
import type { HttpResponse } from '../support/http-client';
import { geminiResponder, hasInlineAudio, localPath, uploadMedia } from '../support/media-helpers';
import { filesUnder, uploadResume, waitForParsing } from '../support/resume-uploads';
import { createTestApp, TestApp } from '../support/test-app';
import { meetingBody, until } from '../support/video-fixtures';

// OWASP API1:2023 (broken object level authorisation). Candidate A and recruiter R1 own
// resources; candidate B (and recruiter R2, the anonymous caller, a domain expert) try to reach
// them by id in the path, the query string and the body. API.md "ownership": a resource that
// exists but is not yours answers 404, never its content. Every attempt is replayed with unknown
// ids of the same shape ("ghost" ids): the two answers must match, so an attacker learns nothing
// about existence. Routes closed by role answer 403 whatever the id. Recruiters share every job,
// application and interview by design (src/jobs/jobs.service.ts `seesAll`), and only the recruiter
// who created a job, or an admin, may change it (`lockEditable` → 403 NOT_JOB_OWNER).
jest.setTimeout(60_000);

type Actor = 'A' | 'B' | 'R1' | 'R2' | 'expert' | 'admin' | 'anon';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The victim's ids (A's and R1's): the only values the ghost replay swaps for unknown ones.
interface VictimIds {
  draftJob: string;
  applicationA: string;
  candidateA: string;
  emailA: string;
  resumeA: string;
  interviewA: string;
  questionA: string;
  answerA: string;
  audioAnswerA: string;
  liveInterviewA: string;
  roomA: string;
  practiceA: string;
  practiceQuestionA: string;
  fileKeyA: string;
  pendingKeyA: string;
  analysisA: string;
  exportA: string;
  erasureE: string;
  webhook: string;
}

// The attacker's own things and public ids: the same in both replays.
interface AttackerIds {
  jobA: string;
  interviewB: string;
  putSignatureB: string;
  getSignatureB: string;
}

interface Attempt {
  method: Method;
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  raw?: Buffer | FormData;
  headers?: Record<string, string>;
}

interface Case {
  label: string;
  as: Actor;
  request: (v: VictimIds, own: AttackerIds) => Attempt;
  status: number;
  code?: string;
  // Only where API.md fixes a different answer for an id that does not exist (default: status).
  ghostStatus?: number;
  // The same request by the owner succeeds: the resource exists and the route works.
  owner?: Actor;
  check?: (res: HttpResponse, v: VictimIds) => void;
}

const RUN = unique('');
const A_NAME = `Avery Victim ${RUN}`;
const COVER_LETTER = `cover-letter-sentinel-${RUN}`;
const ANSWER_TEXT = `answer-sentinel-${RUN}: I would add a covering index and read the plan.`;
const RESUME_TEXT = [
  A_NAME,
  `resume-sentinel-${RUN}`,
  'Experience',
  'Backend Engineer, Contoso, Jan 2018 – Present',
  'Built services in TypeScript on PostgreSQL.',
  'Skills',
  'TypeScript, PostgreSQL, Docker',
].join('\n');
const SCORECARD_NOTES = `scorecard-sentinel-${RUN}`;
const ROOM_LINE = `room-line-sentinel-${RUN}`;
const DRAFT_TITLE = `Draft Role ${RUN}`;
const SPOKEN = {
  language: 'en',
  duration_seconds: 1,
  text: 'An index on the foreign key.',
  segments: [{ start: 0, end: 1, text: 'An index on the foreign key.' }],
};

// The attacker's own signed query string (`?expires=…&signature=…`) on someone else's key.
const signed = (key: string, search: string) => `${key}${search}`;

const audioAnswerForm = (questionId: string) => {
  const form = new FormData();
  form.append('question_id', questionId);
  form.append('audio', new Blob([new Uint8Array(wav(1))], { type: 'audio/wav' }), 'a.wav');
  return form;
};

const applyBody = (extra: Record<string, unknown> = {}) => {
  const email = `${unique('intruder_')}@example.com`;
  return {
    applicant_name: 'Mallory Intruder',
    applicant_email: email,
    consent_data_processing: true,
    ...extra,
  };
};

const expectNoIds = (res: HttpResponse, ids: string[]) => {
  for (const id of ids) {
    expect(res.text).not.toContain(id);
  }
};

const CASES: Case[] = [
  // Jobs: drafts are recruiter+ only; recruiters share visibility but only the creator edits.
  {
    label: 'jobs: anonymous reads a draft job by id',
    as: 'anon',
    request: (v) => ({ method: 'GET', path: `/api/jobs/${v.draftJob}` }),
    status: 404,
    owner: 'R1',
  },
  {
    label: 'jobs: B reads a draft job by id',
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/jobs/${v.draftJob}` }),
    status: 404,
    owner: 'R1',
  },
  {
    label: 'jobs: B lists jobs with ?status=Draft',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/jobs', query: { status: 'Draft' } }),
    status: 200,
    check: (res, v) => {
      expectNoIds(res, [v.draftJob]);
      expect(res.body.items.every((j: { status: string }) => j.status === 'Open')).toBe(true);
    },
  },
  {
    label: 'jobs: anonymous searches for the draft title',
    as: 'anon',
    request: () => ({ method: 'GET', path: '/api/jobs/search', query: { q: DRAFT_TITLE } }),
    status: 200,
    check: (res, v) => expectNoIds(res, [v.draftJob]),
  },
  {
    label: "jobs: R2 replaces R1's draft job (PUT)",
    as: 'R2',
    request: (v) => ({
      method: 'PUT',
      path: `/api/jobs/${v.draftJob}`,
      body: { title: 'Hijacked', description: 'Taken over' },
    }),
    status: 403,
    code: 'NOT_JOB_OWNER',
    // R2 may read the job (shared visibility), so its existence is no secret from R2.
    ghostStatus: 404,
  },
  {
    label: "jobs: R2 edits R1's open job (PATCH)",
    as: 'R2',
    request: (_v, own) => ({
      method: 'PATCH',
      path: `/api/jobs/${own.jobA}`,
      body: { title: 'Hijacked' },
    }),
    status: 403,
    code: 'NOT_JOB_OWNER',
  },
  {
    label: "jobs: R2 deletes R1's draft job",
    as: 'R2',
    request: (v) => ({ method: 'DELETE', path: `/api/jobs/${v.draftJob}` }),
    status: 403,
    code: 'NOT_JOB_OWNER',
    ghostStatus: 404,
  },
  {
    label: 'jobs: B edits a job',
    as: 'B',
    request: (_v, own) => ({
      method: 'PATCH',
      path: `/api/jobs/${own.jobA}`,
      body: { title: 'Hijacked' },
    }),
    status: 403,
  },
  {
    label: 'jobs: anonymous applies to a draft job',
    as: 'anon',
    request: (v) => ({
      method: 'POST',
      path: `/api/jobs/${v.draftJob}/applications`,
      body: applyBody(),
    }),
    // API.md: "a job that is not Open → 409"; an unknown job is 404. The body names no job data.
    status: 409,
    code: 'JOB_NOT_OPEN',
    ghostStatus: 404,
  },

  // Applications.
  {
    label: "applications: B reads A's application",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/applications/${v.applicationA}` }),
    status: 404,
    code: 'APPLICATION_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "applications: B withdraws A's application",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/applications/${v.applicationA}/withdraw`,
      body: {},
    }),
    status: 404,
    code: 'APPLICATION_NOT_FOUND',
  },
  {
    label: 'applications: B lists own applications (never A’s rows)',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/applications/me' }),
    status: 200,
    owner: 'A',
    check: (res, v) => {
      expect(res.body.items).toHaveLength(1);
      expectNoIds(res, [v.applicationA, v.candidateA, v.resumeA]);
    },
  },
  {
    label: 'applications: B checks whether it applied to A’s job',
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: `/api/job/${own.jobA}/check-application` }),
    status: 200,
    owner: 'A',
    check: (res, v) => {
      expect(res.body).toEqual({ applied: false });
      expectNoIds(res, [v.applicationA]);
    },
  },
  {
    label: 'applications: B filters interviews by ?application_id= of A',
    as: 'B',
    request: (v) => ({
      method: 'GET',
      path: '/api/interviews',
      query: { application_id: v.applicationA },
    }),
    status: 200,
    owner: 'A',
    check: (res) => expect(res.body.items).toEqual([]),
  },
  {
    label: 'applications: B filters interviews by ?job_id= of A’s job',
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: '/api/interviews', query: { job_id: own.jobA } }),
    status: 200,
    owner: 'A',
    check: (res) => expect(res.body.items).toEqual([]),
  },
  {
    label: 'applications: B lists all its interviews (never A’s rows)',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/interviews' }),
    status: 200,
    check: (res, v) => {
      expect(res.body.items).toHaveLength(1);
      expectNoIds(res, [v.interviewA, v.liveInterviewA, v.practiceA, v.applicationA]);
    },
  },
  {
    label: "applications: B sets the status of A's application",
    as: 'B',
    request: (v) => ({
      method: 'PUT',
      path: `/api/applications/${v.applicationA}/status`,
      body: { status: 'Rejected' },
    }),
    status: 403,
  },
  {
    label: "applications: B reads A's stage history",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/applications/${v.applicationA}/history` }),
    status: 403,
  },
  {
    label: "applications: B moves A's application (application_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/ats/move-stage',
      body: { application_id: v.applicationA, to_stage: 'offer' },
    }),
    status: 403,
  },
  {
    label: "applications: B rejects A's application",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/applications/${v.applicationA}/reject`,
      body: { rejection_reason: 'Sabotage' },
    }),
    status: 403,
  },
  {
    label: 'applications: B lists the applications to A’s job',
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: `/api/jobs/${own.jobA}/applications` }),
    status: 403,
  },
  {
    label: 'applications: B lists the applications to A’s job (alias)',
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: `/api/job/${own.jobA}/applications` }),
    status: 403,
  },
  {
    label: 'applications: B reads the pipeline board of A’s job',
    as: 'B',
    request: (_v, own) => ({
      method: 'GET',
      path: '/api/ats/pipeline',
      query: { job_id: own.jobA },
    }),
    status: 403,
  },

  // Candidates.
  {
    label: "candidates: B reads A's candidate profile",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/candidates/${v.candidateA}` }),
    status: 403,
  },
  {
    label: 'candidates: B lists candidates with ?job_id=',
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: '/api/candidates', query: { job_id: own.jobA } }),
    status: 403,
  },
  {
    label: "candidates: B sets A's candidate status",
    as: 'B',
    request: (v) => ({
      method: 'PUT',
      path: `/api/candidates/${v.candidateA}/status`,
      body: { status: 'Rejected' },
    }),
    status: 403,
  },
  {
    label: 'candidates: B ranks the applicants of A’s job',
    as: 'B',
    request: (_v, own) => ({
      method: 'GET',
      path: '/api/candidates/matching',
      query: { job_id: own.jobA },
    }),
    status: 403,
  },

  // Résumés.
  {
    label: "resumes: B reads A's résumé metadata",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/resumes/${v.resumeA}` }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "resumes: B downloads A's résumé",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/resumes/${v.resumeA}/download` }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "resumes: B downloads A's résumé (alias)",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/resume/download/${v.resumeA}` }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
    owner: 'A',
  },
  {
    label: 'resumes: B reads its own latest résumé (has none; never A’s)',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/me/resume' }),
    status: 404,
    owner: 'A',
  },
  {
    label: 'resumes: B reads its own knowledge set (has none; never A’s)',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/me/knowledgeset' }),
    status: 404,
    owner: 'A',
  },
  {
    label: "resumes: B applies with A's resume_id",
    as: 'B',
    request: (v, own) => ({
      method: 'POST',
      path: `/api/jobs/${own.jobA}/applications`,
      body: applyBody({ resume_id: v.resumeA }),
    }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
  },
  {
    label: "resumes: B applies with A's resume_id (POST /api/job/apply)",
    as: 'B',
    request: (v, own) => ({
      method: 'POST',
      path: '/api/job/apply',
      body: applyBody({ job_id: own.jobA, resume_id: v.resumeA }),
    }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
  },
  {
    label: "resumes: anonymous applies with A's resume_id",
    as: 'anon',
    request: (v, own) => ({
      method: 'POST',
      path: `/api/jobs/${own.jobA}/applications`,
      body: applyBody({ resume_id: v.resumeA }),
    }),
    status: 404,
    code: 'RESUME_NOT_FOUND',
  },
  {
    label: "resumes: B re-parses A's résumé (resume_id in the body)",
    as: 'B',
    request: (v) => ({ method: 'POST', path: '/api/resume/parse', body: { resume_id: v.resumeA } }),
    status: 403,
  },

  // Interviews and answers.
  {
    label: "interviews: B reads A's interview",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.interviewA}` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "interviews: B lists A's interview questions",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.interviewA}/questions` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "interviews: B downloads A's calendar invite",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.interviewA}/calendar.ics` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "interviews: B starts A's interview",
    as: 'B',
    request: (v) => ({ method: 'POST', path: `/api/interviews/${v.interviewA}/start`, body: {} }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "interviews: B answers A's interview (JSON)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.interviewA}/answers`,
      body: { question_id: v.questionA, answer_text: 'Planted answer' },
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "interviews: B answers A's interview (multipart audio)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.interviewA}/answers`,
      raw: audioAnswerForm(v.questionA),
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "interviews: B reports a proctoring event on A's interview",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.interviewA}/events`,
      body: { type: 'paste', at: new Date().toISOString() },
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "interviews: B completes A's interview",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.interviewA}/complete`,
      body: {},
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "interviews: B answers its own interview with A's question_id",
    as: 'B',
    request: (v, own) => ({
      method: 'POST',
      path: `/api/interviews/${own.interviewB}/answers`,
      body: { question_id: v.practiceQuestionA, answer_text: 'Borrowed question' },
    }),
    status: 400,
    code: 'QUESTION_NOT_IN_INTERVIEW',
  },
  {
    label: "interviews: B reports an event on its own interview with A's question_id",
    as: 'B',
    request: (v, own) => ({
      method: 'POST',
      path: `/api/interviews/${own.interviewB}/events`,
      body: { type: 'copy', at: new Date().toISOString(), question_id: v.practiceQuestionA },
    }),
    status: 400,
    code: 'QUESTION_NOT_IN_INTERVIEW',
  },
  {
    label: "interviews: B reschedules A's interview",
    as: 'B',
    request: (v) => ({
      method: 'PATCH',
      path: `/api/interviews/${v.interviewA}`,
      body: { duration_minutes: 5 },
    }),
    status: 403,
  },
  {
    label: "interviews: B cancels A's interview",
    as: 'B',
    request: (v) => ({ method: 'POST', path: `/api/interviews/${v.interviewA}/cancel`, body: {} }),
    status: 403,
  },
  {
    label: "interviews: B schedules an interview on A's application (application_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/interviews',
      body: {
        application_id: v.applicationA,
        scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
        mode: 'async',
      },
    }),
    status: 403,
  },

  // Practice interviews and their scores.
  {
    label: "practice: B reads A's practice interview",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.practiceA}` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "practice: B generates questions on A's practice interview",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.practiceA}/generate-questions`,
      body: { use_resume: true, count: 1 },
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "scores: B reads A's practice feedback (scores and coaching)",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.practiceA}/feedback` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "scores: B reads feedback of A's screening interview",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.interviewA}/feedback` }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "scores: B reads A's interview results",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/interviews/${v.interviewA}/results` }),
    status: 403,
  },
  {
    label: "scores: B reviews A's answer",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/interviews/${v.interviewA}/answers/${v.answerA}/review`,
      body: { scores: { relevance: 0, completeness: 0, accuracy: 0, clarity: 0 }, comment: 'x' },
    }),
    status: 403,
  },
  {
    label: "scores: an expert reviews A's answer through B's interview (mismatched path ids)",
    as: 'expert',
    request: (v, own) => ({
      method: 'POST',
      path: `/api/interviews/${own.interviewB}/answers/${v.answerA}/review`,
      body: { scores: { relevance: 0, completeness: 0, accuracy: 0, clarity: 0 }, comment: 'x' },
    }),
    status: 404,
    code: 'ANSWER_NOT_FOUND',
  },
  {
    label: "scores: B transcribes onto A's audio answer (answer_id in the form)",
    as: 'B',
    request: (v) => {
      const form = new FormData();
      form.append('answer_id', v.audioAnswerA);
      form.append('file', new Blob([new Uint8Array(wav(1))], { type: 'audio/wav' }), 'a.wav');
      return { method: 'POST', path: '/api/transcribe', raw: form };
    },
    status: 404,
    code: 'ANSWER_NOT_FOUND',
  },

  // Questions and gold-standard answers.
  {
    label: "questions: B reads the approved questions of A's job",
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: `/api/questions/approved/${own.jobA}` }),
    status: 404,
    owner: 'A',
  },
  {
    label: "questions: B lists the question bank of A's job (?job_id=)",
    as: 'B',
    request: (_v, own) => ({ method: 'GET', path: '/api/questions', query: { job_id: own.jobA } }),
    status: 403,
  },
  {
    label: "questions: B reads one of A's questions with its gold answer",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/questions/${v.questionA}` }),
    status: 403,
  },
  {
    label: "questions: B reads a question's versions",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/questions/${v.questionA}/versions` }),
    status: 403,
  },
  {
    label: 'questions: B edits a question',
    as: 'B',
    request: (v) => ({
      method: 'PATCH',
      path: `/api/questions/${v.questionA}`,
      body: { question_text: 'Leaked?' },
    }),
    status: 403,
  },

  // Self-recorded media.
  {
    label: "media: B reserves an upload on A's interview (interview_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/media/upload-url',
      body: { kind: 'audio', content_type: 'audio/wav', interview_id: v.interviewA },
    }),
    status: 404,
    code: 'INTERVIEW_NOT_FOUND',
  },
  {
    label: "media: B reserves an upload on A's answer (answer_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/media/upload-url',
      body: { kind: 'audio', content_type: 'audio/wav', answer_id: v.answerA },
    }),
    status: 404,
    // Regression: this was INTERVIEW_NOT_FOUND for a real answer and ANSWER_NOT_FOUND for an
    // unknown one, which told B which answer ids exist.
    code: 'ANSWER_NOT_FOUND',
  },
  {
    label: "media: B pairs its own interview with A's answer_id",
    as: 'B',
    request: (v, own) => ({
      method: 'POST',
      path: '/api/media/upload-url',
      body: {
        kind: 'audio',
        content_type: 'audio/wav',
        interview_id: own.interviewB,
        answer_id: v.answerA,
      },
    }),
    status: 404,
    code: 'ANSWER_NOT_FOUND',
  },
  {
    label: "media: B asks for a download URL of A's file (?file_key=)",
    as: 'B',
    request: (v) => ({
      method: 'GET',
      path: '/api/media/download-url',
      query: { file_key: v.fileKeyA },
    }),
    status: 404,
    code: 'MEDIA_FILE_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "media: B analyses A's file (file_key in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/media/analyze',
      body: { file_key: v.fileKeyA },
    }),
    status: 404,
    code: 'MEDIA_FILE_NOT_FOUND',
  },
  {
    label: "media: B reads A's speech analysis",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/media/analyses/${v.analysisA}` }),
    status: 404,
    code: 'ANALYSIS_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "media: B uploads into A's reserved key with B's own signature",
    as: 'B',
    request: (v, own) => ({
      method: 'PUT',
      path: `/api/media/upload/${signed(v.pendingKeyA, own.putSignatureB)}`,
      raw: wav(1),
      headers: { 'content-type': 'audio/wav' },
    }),
    status: 403,
    code: 'INVALID_SIGNATURE',
  },
  {
    label: "media: a download of A's file with B's own signature",
    as: 'anon',
    request: (v, own) => ({
      method: 'GET',
      path: `/api/media/download/${signed(v.fileKeyA, own.getSignatureB)}`,
    }),
    status: 403,
    code: 'INVALID_SIGNATURE',
  },

  // Video meetings, rooms and recordings.
  {
    label: "video: B reads A's meeting",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/meetings/${v.roomA}` }),
    status: 404,
    code: 'MEETING_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "video: B opens A's WebRTC room",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/rooms/${v.roomA}` }),
    status: 404,
    code: 'ROOM_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "video: B asks for TURN credentials of A's room",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/rooms/${v.roomA}/ice-servers` }),
    status: 404,
    code: 'ROOM_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "video: B signals into A's room",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/video/rooms/${v.roomA}/signal`,
      body: { type: 'offer', payload: { sdp: 'v=0' } },
    }),
    status: 404,
    code: 'ROOM_NOT_FOUND',
  },
  {
    label: "video: B subscribes to A's room signals (event stream)",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/rooms/${v.roomA}/signal` }),
    status: 404,
    code: 'ROOM_NOT_FOUND',
  },
  {
    label: "video: B appends to A's room transcript",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/video/rooms/${v.roomA}/transcript`,
      body: { text: 'Planted line', at: new Date().toISOString() },
    }),
    status: 404,
    code: 'ROOM_NOT_FOUND',
  },
  {
    label: "video: B reads A's room transcript",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/rooms/${v.roomA}/transcript` }),
    status: 403,
  },
  {
    label: "video: B lists meetings with ?interview_id= of A's interview",
    as: 'B',
    request: (v) => ({
      method: 'GET',
      path: '/api/video/meetings',
      query: { interview_id: v.liveInterviewA },
    }),
    status: 403,
  },
  {
    label: "video: B lists recordings with ?interview_id= of A's interview",
    as: 'B',
    request: (v) => ({
      method: 'GET',
      path: '/api/video/recordings',
      query: { interview_id: v.liveInterviewA },
    }),
    status: 403,
  },
  {
    label: "video: B downloads a recording of A's meeting",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/video/recordings/${v.roomA}/download` }),
    status: 403,
  },
  {
    label: "video: B creates a meeting on A's interview (interview_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/video/meetings',
      body: meetingBody(v.interviewA),
    }),
    status: 403,
  },

  // GDPR exports, erasure requests and consent.
  {
    label: "gdpr: B reads A's export",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/gdpr/exports/${v.exportA}` }),
    status: 404,
    code: 'EXPORT_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "gdpr: B downloads A's export",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/gdpr/exports/${v.exportA}/download` }),
    status: 404,
    code: 'EXPORT_NOT_FOUND',
    owner: 'A',
  },
  {
    label: "gdpr: recruiter R1 reads A's export (requester or admin only)",
    as: 'R1',
    request: (v) => ({ method: 'GET', path: `/api/gdpr/exports/${v.exportA}` }),
    status: 404,
    code: 'EXPORT_NOT_FOUND',
    owner: 'admin',
  },
  {
    label: "gdpr: B reads E's erasure request",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/gdpr/requests/${v.erasureE}` }),
    status: 404,
    code: 'REQUEST_NOT_FOUND',
    owner: 'admin',
  },
  {
    label: "gdpr: recruiter R1 reads E's erasure request",
    as: 'R1',
    request: (v) => ({ method: 'GET', path: `/api/gdpr/requests/${v.erasureE}` }),
    status: 404,
    code: 'REQUEST_NOT_FOUND',
  },
  {
    label: "gdpr: B exports A's data (candidate_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/gdpr/export',
      body: { format: 'json', candidate_id: v.candidateA },
    }),
    status: 403,
    code: 'GDPR_SUBJECT_ADMIN_ONLY',
  },
  {
    label: "gdpr: B exports A's data (email in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/gdpr/export',
      body: { format: 'json', email: v.emailA },
    }),
    status: 403,
    code: 'GDPR_SUBJECT_ADMIN_ONLY',
  },
  {
    label: 'gdpr: B erases A (candidate_id in the body)',
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/gdpr/delete',
      body: { candidate_id: v.candidateA },
    }),
    status: 403,
    code: 'GDPR_SUBJECT_ADMIN_ONLY',
  },
  {
    label: "gdpr: B withdraws A's consent (candidate_id in the body)",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: '/api/gdpr/consent',
      body: {
        purpose: 'ai_evaluation',
        granted: false,
        policy_version: '2026-01',
        candidate_id: v.candidateA,
      },
    }),
    status: 400,
  },
  {
    label: 'gdpr: B reads its consent (never A’s history)',
    as: 'B',
    request: () => ({ method: 'GET', path: '/api/gdpr/consent' }),
    status: 200,
    owner: 'A',
    check: (res, v) => {
      expectNoIds(res, [v.applicationA]);
      // B's only record is the data_processing consent of its own application.
      expect(res.body.history).toHaveLength(1);
    },
  },
  {
    label: 'gdpr: B reads the audit trail about A (?subject_id=)',
    as: 'B',
    request: (v) => ({
      method: 'GET',
      path: '/api/gdpr/audit',
      query: { subject_id: v.candidateA },
    }),
    status: 403,
  },

  // Webhooks (admin only, global).
  {
    label: 'webhooks: B deletes the admin’s webhook',
    as: 'B',
    request: (v) => ({ method: 'DELETE', path: `/api/webhooks/${v.webhook}` }),
    status: 403,
  },
  {
    label: 'webhooks: recruiter R1 deletes the admin’s webhook',
    as: 'R1',
    request: (v) => ({ method: 'DELETE', path: `/api/webhooks/${v.webhook}` }),
    status: 403,
  },
  {
    label: 'webhooks: recruiter R1 reads its deliveries',
    as: 'R1',
    request: (v) => ({ method: 'GET', path: `/api/webhooks/${v.webhook}/deliveries` }),
    status: 403,
    owner: 'admin',
  },

  // Scorecards.
  {
    label: "scorecards: B reads the scorecards on A's application",
    as: 'B',
    request: (v) => ({ method: 'GET', path: `/api/applications/${v.applicationA}/feedback` }),
    status: 403,
    owner: 'R1',
  },
  {
    label: "scorecards: B submits a scorecard on A's application",
    as: 'B',
    request: (v) => ({
      method: 'POST',
      path: `/api/applications/${v.applicationA}/feedback`,
      body: { overall_recommendation: 'definitely_not', notes: 'Planted' },
    }),
    status: 403,
  },
];

describe('BOLA / IDOR matrix (e2e)', () => {
  let t: TestApp;
  let fake: FakeGemini;
  const who: Partial<Record<Exclude<Actor, 'anon'>, SignedIn>> = {};
  let victim: VictimIds;
  let ghost: VictimIds;
  let attacker: AttackerIds;
  let sentinels: string[];
  let goldAnswers: string[];
  let applicationStatusA: string;
  let tried = 0;

  const send = (actor: Actor, attempt: Attempt): Promise<HttpResponse> =>
    t.http.request(attempt.method, attempt.path, attempt.body, {
      token: actor === 'anon' ? undefined : who[actor]!.accessToken,
      query: attempt.query,
      raw: attempt.raw,
      headers: attempt.headers,
    });

  const as = (actor: Exclude<Actor, 'anon'>) => ({ token: who[actor]!.accessToken });

  const created = async (res: Promise<HttpResponse>, status = 201): Promise<HttpResponse> => {
    const done = await res;
    if (done.status !== status) {
      throw new Error(`set-up step failed: ${done.status} ${done.text}`);
    }
    return done;
  };

  const audioKeys = (): string[] =>
    filesUnder(join(t.dataDir, 'files'))
      .map((f) => f.split(/[\\/]/).pop()!)
      .filter((k) => k.startsWith('answer-audio-'))
      .sort();

  beforeAll(async () => {
    for (const key of Object.keys(process.env).filter((k) => k.startsWith('ZOOM_'))) {
      delete process.env[key];
    }
    fake = await startFakeGemini();
    fake.respondWith((request) =>
      hasInlineAudio(request) ? { kind: 'json', json: SPOKEN } : geminiResponder(request),
    );
    t = await createTestApp({
      // The webhook only needs to exist; its loopback target is never called (no hired event).
      env: {
        GEMINI_API_KEY: fake.apiKey,
        GEMINI_BASE_URL: fake.baseUrl,
        WEBHOOKS_ALLOW_PRIVATE: 'true',
      },
    });
    const http = t.http;
    who.admin = await loginAdmin(http);
    who.R1 = await createStaff(http, who.admin, 'recruiter');
    who.R2 = await createStaff(http, who.admin, 'recruiter');
    who.expert = await createStaff(http, who.admin, 'domain_expert');
    who.A = await signupCandidate(http, { full_name: A_NAME });
    who.B = await signupCandidate(http, { full_name: 'Blake Intruder' });
    const erasee = await signupCandidate(http);

    // R1's open job with approved questions, and a draft; R2's open job for B.
    const jobA = await created(
      http.post(
        '/api/jobs',
        { title: 'Backend Engineer', description: 'APIs on PostgreSQL.', skills_required: ['SQL'] },
        as('R1'),
      ),
    );
    const draft = await created(
      http.post(
        '/api/jobs',
        { title: DRAFT_TITLE, description: 'Not announced yet.', status: 'Draft' },
        as('R1'),
      ),
    );
    const jobB = await created(
      http.post(
        '/api/jobs',
        { title: 'Data Engineer', description: 'Pipelines.', skills_required: ['Python'] },
        as('R2'),
      ),
    );
    const questionsOf = async (jobId: string, recruiter: 'R1' | 'R2') => {
      const generated = await created(
        http.post(
          '/api/questions/generate',
          { job_id: jobId, count: 3, types: ['technical'] },
          as(recruiter),
        ),
      );
      const items = generated.body.items as { id: string; gold_standard_answer: string }[];
      await created(
        http.post(
          '/api/questions/approve',
          { question_ids: items.map((q) => q.id), approved: true },
          as('expert'),
        ),
        200,
      );
      return items;
    };
    const goldA = await questionsOf(jobA.body.id, 'R1');
    const goldB = await questionsOf(jobB.body.id, 'R2');

    // A: résumé, application, consents, a started screening interview with two answers.
    const resume = await created(
      uploadResume(t, Buffer.from(RESUME_TEXT), 'avery.txt', { token: who.A.accessToken }),
    );
    await waitForParsing(t, resume.body.resume_id, who.A.accessToken);
    const applied = await created(
      http.post(
        `/api/jobs/${jobA.body.id}/applications`,
        {
          applicant_name: A_NAME,
          applicant_email: who.A.email,
          cover_letter: COVER_LETTER,
          consent_data_processing: true,
          resume_id: resume.body.resume_id,
        },
        as('A'),
      ),
    );
    for (const purpose of ['ai_evaluation', 'recording']) {
      await created(
        http.post(
          '/api/gdpr/consent',
          { purpose, granted: true, policy_version: '2026-01' },
          as('A'),
        ),
      );
    }
    const schedule = async (
      applicationId: string,
      questionIds: string[],
      recruiter: 'R1' | 'R2',
      mode: 'async' | 'live' = 'async',
    ) =>
      (
        await created(
          http.post(
            '/api/interviews',
            {
              application_id: applicationId,
              scheduled_at: new Date(
                Date.now() + (mode === 'live' ? 86_400_000 : 60_000),
              ).toISOString(),
              mode,
              question_ids: questionIds,
            },
            as(recruiter),
          ),
        )
      ).body.id as string;
    const interviewA = await schedule(
      applied.body.id,
      goldA.map((q) => q.id),
      'R1',
    );
    await created(http.post(`/api/interviews/${interviewA}/start`, {}, as('A')), 200);
    const answer = await created(
      http.post(
        `/api/interviews/${interviewA}/answers`,
        { question_id: goldA[0].id, answer_text: ANSWER_TEXT },
        as('A'),
      ),
    );
    const audioAnswer = await created(
      http.post(`/api/interviews/${interviewA}/answers`, undefined, {
        ...as('A'),
        raw: audioAnswerForm(goldA[1].id),
      }),
    );

    // A live interview with a built-in WebRTC room and one transcript line.
    const liveInterviewA = await schedule(
      applied.body.id,
      goldA.map((q) => q.id),
      'R1',
      'live',
    );
    const room = await created(
      http.post('/api/video/meetings', meetingBody(liveInterviewA), as('R1')),
    );
    await created(
      http.post(
        `/api/video/rooms/${room.body.id}/transcript`,
        { text: ROOM_LINE, at: new Date().toISOString() },
        as('A'),
      ),
    );

    // A practice interview with generated questions.
    const practice = await created(
      http.post('/api/interviews/practice', { track: 'PostgreSQL' }, as('A')),
    );
    const practiceQuestions = await created(
      http.post(
        `/api/interviews/${practice.body.id}/generate-questions`,
        { use_resume: false, count: 2 },
        as('A'),
      ),
    );

    // Self-recorded media: one uploaded and analysed, one reserved and still pending.
    const media = await uploadMedia(t, who.A, wav(2));
    expect(media.put.status).toBe(200);
    const analysis = await created(
      http.post(
        '/api/media/analyze',
        { file_key: media.fileKey, transcript: { language: 'en', segments: SPOKEN.segments } },
        as('A'),
      ),
      202,
    );
    const pending = await created(
      http.post('/api/media/upload-url', { kind: 'audio', content_type: 'audio/wav' }, as('A')),
    );

    // A's data export (ready), E's erasure, R1's scorecard, the admin's webhook.
    const exportA = await created(http.post('/api/gdpr/export', { format: 'json' }, as('A')), 202);
    const ready = await until(
      () => http.get(`/api/gdpr/exports/${exportA.body.export_id}`, as('A')),
      (r) => r.body.status === 'ready' || r.body.status === 'failed',
    );
    expect(ready.body.status).toBe('ready');
    const erasure = await created(
      http.post('/api/gdpr/delete', {}, { token: erasee.accessToken }),
      202,
    );
    await created(
      http.post(
        `/api/applications/${applied.body.id}/feedback`,
        { overall_recommendation: 'yes', notes: SCORECARD_NOTES },
        as('R1'),
      ),
    );
    const webhook = await created(
      http.post(
        '/api/webhooks',
        {
          url: 'http://127.0.0.1:9/panelist-hook',
          events: ['application.hired'],
          secret: 'webhook-secret-for-bola-tests',
        },
        as('admin'),
      ),
    );

    // B: its own application to R2's job, a started interview, and signed media URLs of its own.
    const appliedB = await created(
      http.post(
        `/api/jobs/${jobB.body.id}/applications`,
        {
          applicant_name: 'Blake Intruder',
          applicant_email: who.B.email,
          consent_data_processing: true,
        },
        as('B'),
      ),
    );
    const interviewB = await schedule(
      appliedB.body.id,
      goldB.map((q) => q.id),
      'R2',
    );
    await created(http.post(`/api/interviews/${interviewB}/start`, {}, as('B')), 200);
    const ownMedia = await uploadMedia(t, who.B, wav(1));
    const ownDownload = await created(
      http.get('/api/media/download-url', { ...as('B'), query: { file_key: ownMedia.fileKey } }),
      200,
    );
    const ownPending = await created(
      http.post('/api/media/upload-url', { kind: 'audio', content_type: 'audio/wav' }, as('B')),
    );

    const viewed = await created(http.get(`/api/applications/${applied.body.id}`, as('A')), 200);
    applicationStatusA = viewed.body.status;
    victim = {
      draftJob: draft.body.id,
      applicationA: applied.body.id,
      candidateA: viewed.body.candidate_id,
      emailA: who.A.email,
      resumeA: resume.body.resume_id,
      interviewA,
      questionA: goldA[0].id,
      answerA: answer.body.id,
      audioAnswerA: audioAnswer.body.id,
      liveInterviewA,
      roomA: room.body.id,
      practiceA: practice.body.id,
      practiceQuestionA: practiceQuestions.body.items[0].id,
      fileKeyA: media.fileKey,
      pendingKeyA: pending.body.file_key,
      analysisA: analysis.body.analysis_id,
      exportA: exportA.body.export_id,
      erasureE: erasure.body.request_id,
      webhook: webhook.body.id,
    };
    ghost = Object.fromEntries(
      Object.keys(victim).map((key) => [
        key,
        key === 'emailA'
          ? `${unique('nobody_')}@example.com`
          : key.endsWith('KeyA')
            ? `media-${randomUUID()}`
            : randomUUID(),
      ]),
    ) as unknown as VictimIds;
    attacker = {
      jobA: jobA.body.id,
      interviewB,
      putSignatureB: new URL(ownPending.body.upload_url).search,
      getSignatureB: new URL(ownDownload.body.download_url).search,
    };
    sentinels = [
      A_NAME,
      who.A.email,
      COVER_LETTER,
      ANSWER_TEXT,
      `resume-sentinel-${RUN}`,
      SCORECARD_NOTES,
      ROOM_LINE,
      DRAFT_TITLE,
      ...goldA.map((q) => q.gold_standard_answer.slice(0, 40)),
    ];
    goldAnswers = goldA.map((q) => q.gold_standard_answer.slice(0, 40));
    expect(goldAnswers.every((g) => g.length >= 20)).toBe(true);
    expect(localPath(ownPending.body.upload_url)).toContain(ownPending.body.file_key);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
    delete process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_BASE_URL;
    delete process.env.WEBHOOKS_ALLOW_PRIVATE;
  });

  it.each(CASES)('$label', async (c) => {
    const res = await send(c.as, c.request(victim, attacker));
    tried += 1;
    expect({ status: res.status, code: res.body?.code }).toMatchObject({
      status: c.status,
      ...(c.code ? { code: c.code } : {}),
    });
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: res.status, request_id: expect.any(String) });
    }
    for (const sentinel of sentinels) {
      expect(res.text).not.toContain(sentinel);
    }
    c.check?.(res, victim);

    // The same request with unknown ids of the same shape: no existence oracle.
    const control = await send(c.as, c.request(ghost, attacker));
    expect({ status: control.status, code: control.body?.code }).toMatchObject({
      status: c.ghostStatus ?? res.status,
      ...(c.ghostStatus === undefined && res.body?.code ? { code: res.body.code } : {}),
    });

    if (c.owner) {
      const own = await send(c.owner, c.request(victim, attacker));
      expect({ owner: c.owner, status: own.status }).toEqual({ owner: c.owner, status: 200 });
    }
  });

  it('lets R2 read R1’s draft job (recruiters share jobs by design) but leaves it unchanged', async () => {
    const byR2 = await t.http.get(`/api/jobs/${victim.draftJob}`, as('R2'));
    expect(byR2.status).toBe(200);
    expect(byR2.body).toMatchObject({
      id: victim.draftJob,
      title: DRAFT_TITLE,
      status: 'Draft',
      created_by: who.R1!.id,
    });
    const open = await t.http.get(`/api/jobs/${attacker.jobA}`, as('R1'));
    expect(open.body.title).toBe('Backend Engineer');
    const byAdmin = await t.http.patch(
      `/api/jobs/${victim.draftJob}`,
      { description: 'Edited by an admin' },
      as('admin'),
    );
    expect(byAdmin.status).toBe(200);
  });

  it('keeps R2’s scorecard separate from R1’s on a shared application', async () => {
    const mine = await t.http.post(
      `/api/applications/${victim.applicationA}/feedback`,
      { overall_recommendation: 'no', notes: 'Second opinion' },
      as('R2'),
    );
    expect(mine.status).toBe(201);
    expect(mine.body.interviewer_id).toBe(who.R2!.id);
    const list = await t.http.get(`/api/applications/${victim.applicationA}/feedback`, as('R1'));
    expect(
      list.body.items.map((s: { interviewer_id: string; notes: string }) => [
        s.interviewer_id,
        s.notes,
      ]),
    ).toEqual([
      [who.R1!.id, SCORECARD_NOTES],
      [who.R2!.id, 'Second opinion'],
    ]);
  });

  it("leaves every one of A's resources as it was", async () => {
    const application = await t.http.get(`/api/applications/${victim.applicationA}`, as('A'));
    expect(application.body.status).toBe(applicationStatusA);
    const [answers] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE candidate_id <> $2)::int AS foreign
         FROM interview_answers WHERE interview_id = $1`,
      [victim.interviewA, victim.candidateA],
    );
    expect(answers).toEqual({ n: 2, foreign: 0 });
    const [events] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM interview_events WHERE interview_id = $1',
      [victim.interviewA],
    );
    expect(events.n).toBe(0);
    const interview = await t.http.get(`/api/interviews/${victim.interviewA}`, as('A'));
    expect(interview.body.status).toBe('In Progress');
    const practice = await t.http.get(`/api/interviews/${victim.practiceA}/questions`, as('A'));
    expect(practice.body.items).toHaveLength(2);
    const transcript = await t.http.get(`/api/video/rooms/${victim.roomA}/transcript`, as('R1'));
    expect(transcript.body.items.map((l: { text: string }) => l.text)).toEqual([ROOM_LINE]);
    const [signals] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM video_signals WHERE meeting_id = $1',
      [victim.roomA],
    );
    expect(signals.n).toBe(0);
    const [pending] = await t.dataSource.query(
      'SELECT status, size_bytes FROM media_files WHERE file_key = $1',
      [victim.pendingKeyA],
    );
    expect(pending).toEqual({ status: 'pending', size_bytes: null });
    const consent = await t.http.get('/api/gdpr/consent', as('A'));
    expect(
      consent.body.current.find((c: { purpose: string }) => c.purpose === 'ai_evaluation'),
    ).toMatchObject({ granted: true });
    expect((await t.http.get('/api/auth/me', as('A'))).status).toBe(200);
    const hooks = await t.http.get('/api/webhooks', as('admin'));
    expect(hooks.body.items.map((h: { id: string }) => h.id)).toContain(victim.webhook);
    const draft = await t.http.get(`/api/jobs/${victim.draftJob}`, as('R1'));
    expect(draft.body).toMatchObject({ title: DRAFT_TITLE, status: 'Draft' });
    const jobA = await t.http.get(`/api/jobs/${attacker.jobA}`);
    expect(jobA.body.title).toBe('Backend Engineer');
    // B's refused audio answers were written to storage before the ownership check: none remain.
    const stored = await t.dataSource.query<{ k: string }[]>(
      'SELECT audio_storage_key AS k FROM interview_answers WHERE audio_storage_key IS NOT NULL',
    );
    expect(audioKeys()).toEqual(stored.map((r) => r.k).sort());
  });

  it('gives candidates their own questions as text only, never gold answers or key points', async () => {
    const views = [
      await t.http.post(`/api/interviews/${victim.interviewA}/start`, {}, as('A')),
      await t.http.get(`/api/interviews/${victim.interviewA}/questions`, as('A')),
      await t.http.get(`/api/questions/approved/${attacker.jobA}`, as('A')),
      await t.http.get(`/api/interviews/${attacker.interviewB}/questions`, as('B')),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(view.text).not.toMatch(/gold_standard_answer|key_points/);
      for (const gold of goldAnswers) {
        expect(view.text).not.toContain(gold);
      }
    }
  });

  it('counts the cross-tenant attempts', () => {
    console.log(
      `BOLA matrix: ${tried} cross-tenant attempts across ${new Set(CASES.map((c) => c.label.split(':')[0])).size} resource types, each replayed with unknown ids`,
    );
    expect(tried).toBe(CASES.length);
    expect(tried).toBeGreaterThanOrEqual(80);
  });
});
