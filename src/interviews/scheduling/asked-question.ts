import { randomUUID } from 'node:crypto';
import type { DeepPartial } from 'typeorm';
import type { Difficulty, QuestionType } from '../../ai/ai-provider';
import type { InterviewQuestion } from '../entities/interview-question.entity';

// What an interview copies of a bank question (the questions module's QuestionBankService hands
// these out) when it is asked.
export interface BankQuestion {
  id: string;
  questionText: string;
  questionType: QuestionType;
  difficultyLevel: Difficulty;
  skillsTested: string[];
  goldStandardAnswer: string;
  keyPoints: string[];
}

// The questions as they stand now, numbered from `firstPosition`: a later edit of the bank
// question never changes what was asked.
export function askedCopies(
  interviewId: string,
  questions: BankQuestion[],
  firstPosition = 1,
): DeepPartial<InterviewQuestion>[] {
  return questions.map((q, index) => ({
    id: randomUUID(),
    interviewId,
    questionId: q.id,
    position: firstPosition + index,
    questionText: q.questionText,
    questionType: q.questionType,
    difficultyLevel: q.difficultyLevel,
    skillsTested: q.skillsTested,
    goldStandardAnswer: q.goldStandardAnswer,
    keyPoints: q.keyPoints,
  }));
}
