export type QuestionType = 'technical' | 'behavioral' | 'situational';
export type Difficulty = 'easy' | 'medium' | 'hard';

export const QUESTION_TYPES: readonly QuestionType[] = ['technical', 'behavioral', 'situational'];
export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

export interface QuestionRequest {
  jobTitle: string;
  jobDescription: string;
  skills: string[];
  count: number;
  types: QuestionType[];
  difficulty?: Difficulty;
  // Contact details are stripped by the caller before the summary reaches a provider.
  resumeSummary?: string;
  excludeTexts?: string[];
}

export interface DraftQuestion {
  question_text: string;
  question_type: QuestionType;
  difficulty_level: Difficulty;
  skills_tested: string[];
  gold_standard_answer: string;
  key_points: string[];
}

export interface AnswerToScore {
  questionText: string;
  goldStandardAnswer: string;
  keyPoints: string[];
  answerText: string;
  questionType: QuestionType;
  skills: string[];
}

// Each dimension is 0..10 with one decimal; the weighted overall score is computed by the caller.
export interface DimensionScores {
  relevance: number;
  completeness: number;
  accuracy: number;
  clarity: number;
}

export type AnswerFlag =
  | 'too_short'
  | 'nonsense'
  | 'parrots_question'
  | 'copied_gold_answer'
  | 'off_topic'
  | 'contradicts_reference'
  | 'keyword_list'
  | 'questionable_practice';

export const ANSWER_FLAGS: readonly AnswerFlag[] = [
  'too_short',
  'nonsense',
  'parrots_question',
  'copied_gold_answer',
  'off_topic',
  'contradicts_reference',
  'keyword_list',
  'questionable_practice',
];

// How far a score can be trusted. `needs_review` asks a human to grade the answer instead of
// letting a guess stand; `reasons` say why, in words a reviewer can check.
export interface ScoreConfidence {
  // 0..1, two decimals: agreement among the offline scorer's independent signals; null for a
  // model's verdict, which carries no such measure.
  value: number | null;
  needs_review: boolean;
  reasons: string[];
}

export interface AnswerScore {
  scores: DimensionScores;
  rationale: string;
  matched_key_points: string[];
  missed_key_points: string[];
  flags: string[];
  coaching?: string[];
  confidence?: ScoreConfidence;
}

// Where a result came from: a hosted Gemini model, any OpenAI-compatible chat-completions server
// (self-hosted Ollama, vLLM, llama.cpp…) or the deterministic offline provider.
export type AiSource = 'gemini' | 'openai_compatible' | 'offline';
export const AI_SOURCES: readonly AiSource[] = ['gemini', 'openai_compatible', 'offline'];

export interface GenerationResult<T> {
  value: T;
  source: AiSource;
  fallbackReason?: string;
}

export interface AiProvider {
  readonly name: AiSource;
  generateQuestions(req: QuestionRequest): Promise<GenerationResult<DraftQuestion[]>>;
  scoreAnswer(a: AnswerToScore): Promise<GenerationResult<AnswerScore>>;
}

export const AI_PROVIDER = Symbol('AI_PROVIDER');
