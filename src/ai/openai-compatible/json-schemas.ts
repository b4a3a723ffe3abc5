import { ANSWER_FLAGS, DIFFICULTIES, QUESTION_TYPES } from '../ai-provider';

// JSON Schemas for `response_format: { type: "json_schema" }`. Every property is required and no
// others are allowed, the form OpenAI's strict mode demands; Ollama, vLLM and llama.cpp accept it
// too and use it to constrain decoding.
export interface JsonSchemaFormat {
  name: string;
  schema: Record<string, unknown>;
}

const SCORE = { type: 'number', minimum: 0, maximum: 10 };
const STRING_LIST = { type: 'array', items: { type: 'string' } };

export const DRAFT_QUESTIONS_FORMAT: JsonSchemaFormat = {
  name: 'interview_questions',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['questions'],
    properties: {
      questions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: [
            'question_text',
            'question_type',
            'difficulty_level',
            'skills_tested',
            'gold_standard_answer',
            'key_points',
          ],
          properties: {
            question_text: { type: 'string' },
            question_type: { type: 'string', enum: [...QUESTION_TYPES] },
            difficulty_level: { type: 'string', enum: [...DIFFICULTIES] },
            skills_tested: STRING_LIST,
            gold_standard_answer: { type: 'string' },
            key_points: STRING_LIST,
          },
        },
      },
    },
  },
};

// Per request: the question's key points become an enum, as in the Gemini schema.
export function answerScoreFormat(keyPoints: readonly string[]): JsonSchemaFormat {
  const distinct = [...new Set(keyPoints.map((point) => point.trim()).filter(Boolean))];
  const keyPointList =
    distinct.length > 0
      ? { type: 'array', items: { type: 'string', enum: distinct } }
      : STRING_LIST;
  return {
    name: 'answer_score',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [
        'scores',
        'rationale',
        'matched_key_points',
        'missed_key_points',
        'flags',
        'coaching',
      ],
      properties: {
        scores: {
          type: 'object',
          additionalProperties: false,
          required: ['relevance', 'completeness', 'accuracy', 'clarity'],
          properties: { relevance: SCORE, completeness: SCORE, accuracy: SCORE, clarity: SCORE },
        },
        rationale: { type: 'string' },
        matched_key_points: keyPointList,
        missed_key_points: keyPointList,
        flags: { type: 'array', items: { type: 'string', enum: [...ANSWER_FLAGS] } },
        coaching: STRING_LIST,
      },
    },
  };
}
