import { Injectable } from '@nestjs/common';
import type {
  AiProvider,
  AnswerScore,
  AnswerToScore,
  DraftQuestion,
  GenerationResult,
  QuestionRequest,
} from '../ai-provider';
import { AnswerScorer } from './answer-scorer';
import { PracticeQuestionGenerator, PracticeQuestionRequest } from './practice-question-generator';
import { OfflineQuestionGenerator } from './question-generator';

// Works with no network and no key: a curated question bank plus text-based scoring. Same input,
// same output, and every score comes with the key points it was based on.
@Injectable()
export class OfflineAiProvider implements AiProvider {
  readonly name = 'offline' as const;
  private readonly generator = new OfflineQuestionGenerator();
  private readonly practice = new PracticeQuestionGenerator();
  private readonly scorer = new AnswerScorer();

  generateQuestions(req: QuestionRequest): Promise<GenerationResult<DraftQuestion[]>> {
    return Promise.resolve({ value: this.generator.generate(req), source: 'offline' });
  }

  // Practice questions come from their own templates, never from the screening bank.
  generatePracticeQuestions(req: PracticeQuestionRequest): DraftQuestion[] {
    return this.practice.generate(req);
  }

  scoreAnswer(answer: AnswerToScore): Promise<GenerationResult<AnswerScore>> {
    return Promise.resolve({ value: this.scorer.score(answer), source: 'offline' });
  }
}
