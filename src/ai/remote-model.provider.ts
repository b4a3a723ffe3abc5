import type { LoggerService } from '@nestjs/common';
import type {
  AiProvider,
  AiSource,
  AnswerScore,
  AnswerToScore,
  DraftQuestion,
  GenerationResult,
  QuestionRequest,
} from './ai-provider';
import { ModelAttemptFailure, type ModelCallFailure } from './gemini/retry-policy';
import { parseAnswerScore } from './model-output/answer-score.parser';
import { parseDraftQuestions } from './model-output/draft-questions.parser';
import { ModelOutputError } from './model-output/model-output-error';
import { buildQuestionPrompt, buildScoringPrompt, type ModelPrompt } from './model-output/prompts';
import { applyGuardCaps, detectAnswerGuards, guardFlags } from './offline/answer-guards';
import { reviewForRemoteScore } from './offline/score-confidence';

export type RemoteModelLogger = Pick<LoggerService, 'warn'>;

// What one model is asked for: questions (with the request) or a score (with the answer, whose
// key points become the schema's enum).
export type ModelTask =
  | { kind: 'questions'; prompt: ModelPrompt; request: QuestionRequest }
  | { kind: 'score'; prompt: ModelPrompt; answer: AnswerToScore };

// A hosted or self-hosted model behind the AiProvider port. Subclasses only send a prompt and
// return the reply text; parsing, validation, guards, logging and the fall-back to the offline
// provider are the same for every model, so every result is usable and says where it came from.
export abstract class RemoteModelProvider implements AiProvider {
  abstract readonly name: Exclude<AiSource, 'offline'>;
  // Prefix of the fallback reasons: `gemini_timeout`, `llm_invalid_output`…
  protected abstract readonly reasonPrefix: string;

  protected constructor(
    protected readonly fallback: AiProvider,
    protected readonly logger: RemoteModelLogger,
  ) {}

  // Sends the task and returns the reply text; ends with ModelAttemptFailure on transport errors.
  protected abstract complete(task: ModelTask): Promise<string | undefined>;

  generateQuestions(req: QuestionRequest): Promise<GenerationResult<DraftQuestion[]>> {
    return this.withFallback(
      'generateQuestions',
      async () =>
        parseDraftQuestions(
          await this.complete({
            kind: 'questions',
            prompt: buildQuestionPrompt(req),
            request: req,
          }),
          req,
        ),
      () => this.fallback.generateQuestions(req),
    );
  }

  scoreAnswer(answer: AnswerToScore): Promise<GenerationResult<AnswerScore>> {
    return this.withFallback(
      'scoreAnswer',
      async () => {
        const reply = await this.complete({
          kind: 'score',
          prompt: buildScoringPrompt(answer),
          answer,
        });
        const { score, warnings } = parseAnswerScore(reply, answer);
        if (warnings.length > 0) {
          this.logger.warn(
            `scoreAnswer: ${this.name} reply repaired (${warnings.length}): ${warnings.join('; ')}`,
          );
        }
        return this.applyGuards(score, answer);
      },
      () => this.fallback.scoreAnswer(answer),
    );
  }

  // The deterministic guards run on the model's verdict too, so a restated question, noise or a
  // copied reference answer is capped the same way whichever provider scored it.
  private applyGuards(score: AnswerScore, answer: AnswerToScore): AnswerScore {
    const flags = [...new Set([...score.flags, ...guardFlags(detectAnswerGuards(answer))])];
    const scores = applyGuardCaps(score.scores, flags);
    return { ...score, flags, scores, confidence: reviewForRemoteScore(flags) };
  }

  private async withFallback<T>(
    operation: string,
    attempt: () => Promise<T>,
    fallback: () => Promise<GenerationResult<T>>,
  ): Promise<GenerationResult<T>> {
    try {
      return { value: await attempt(), source: this.name };
    } catch (error) {
      const reason = `${this.reasonPrefix}_${this.failureKind(error)}`;
      // Our own errors name an HTTP status or a JSON path; anything else is logged by class name
      // only, so neither prompt content nor credentials can reach the logs.
      const detail =
        error instanceof ModelAttemptFailure || error instanceof ModelOutputError
          ? error.message
          : ((error as Error | null)?.name ?? 'unknown error');
      this.logger.warn(`${operation} fell back to the offline provider (${reason}): ${detail}`);
      const result = await fallback();
      return { value: result.value, source: 'offline', fallbackReason: reason };
    }
  }

  private failureKind(error: unknown): ModelCallFailure {
    if (error instanceof ModelAttemptFailure) {
      return error.kind;
    }
    return error instanceof ModelOutputError ? 'invalid_output' : 'unavailable';
  }
}
