import { Type, type Schema } from '@google/genai';
import { ANSWER_FLAGS, DIFFICULTIES, QUESTION_TYPES } from '../ai-provider';

const STRING_LIST: Schema = { type: Type.ARRAY, items: { type: Type.STRING } };

const SCORE: Schema = { type: Type.NUMBER, minimum: 0, maximum: 10 };

export const DRAFT_QUESTIONS_SCHEMA: Schema = {
  type: Type.OBJECT,
  properties: {
    questions: {
      type: Type.ARRAY,
      items: {
        type: Type.OBJECT,
        properties: {
          question_text: { type: Type.STRING },
          question_type: { type: Type.STRING, format: 'enum', enum: [...QUESTION_TYPES] },
          difficulty_level: { type: Type.STRING, format: 'enum', enum: [...DIFFICULTIES] },
          skills_tested: { ...STRING_LIST, minItems: '1' },
          gold_standard_answer: { type: Type.STRING },
          key_points: { ...STRING_LIST, minItems: '3', maxItems: '6' },
        },
        required: [
          'question_text',
          'question_type',
          'difficulty_level',
          'skills_tested',
          'gold_standard_answer',
          'key_points',
        ],
        propertyOrdering: [
          'question_text',
          'question_type',
          'difficulty_level',
          'skills_tested',
          'gold_standard_answer',
          'key_points',
        ],
      },
    },
  },
  required: ['questions'],
};

// Built per request: the key points given become an enum, so a model that honours the schema can
// only name key points that exist. Paraphrases from models that do not are mapped afterwards
// (model-output/key-point-resolver.ts).
export function answerScoreSchema(keyPoints: readonly string[]): Schema {
  const distinct = [...new Set(keyPoints.map((point) => point.trim()).filter(Boolean))];
  const keyPointList: Schema =
    distinct.length > 0
      ? { type: Type.ARRAY, items: { type: Type.STRING, format: 'enum', enum: distinct } }
      : STRING_LIST;
  return {
    type: Type.OBJECT,
    properties: {
      scores: {
        type: Type.OBJECT,
        properties: { relevance: SCORE, completeness: SCORE, accuracy: SCORE, clarity: SCORE },
        required: ['relevance', 'completeness', 'accuracy', 'clarity'],
        propertyOrdering: ['relevance', 'completeness', 'accuracy', 'clarity'],
      },
      rationale: { type: Type.STRING },
      matched_key_points: keyPointList,
      missed_key_points: keyPointList,
      flags: {
        type: Type.ARRAY,
        items: { type: Type.STRING, format: 'enum', enum: [...ANSWER_FLAGS] },
      },
      coaching: { ...STRING_LIST, maxItems: '5' },
    },
    required: ['scores', 'rationale', 'matched_key_points', 'missed_key_points', 'flags'],
    propertyOrdering: [
      'scores',
      'rationale',
      'matched_key_points',
      'missed_key_points',
      'flags',
      'coaching',
    ],
  };
}
