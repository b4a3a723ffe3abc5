import type { AnswerFlag, AnswerScore, AnswerToScore, DimensionScores } from '../ai-provider';
import { applyGuardCaps, detectAnswerGuards, guardFlags } from './answer-guards';
import { checkClaims, type ClaimCheck } from './claim-check';
import { measureClarity } from './clarity';
import { answerEvidence, hasTerm, matchKeyPoints, type AnswerEvidence } from './key-point-matcher';
import { assessConfidence } from './score-confidence';
import { buildCoaching, buildRationale } from './scoring-feedback';
import { scoringVocabulary } from './scoring-vocabulary';
import { analyseStory, type StoryReport } from './story-structure';
import { cosineSimilarity } from './text/term-weights';
import { clauses } from './text/clauses';
import { contentTerms, sentences, wordTokens } from './text/tokenizer';

// Cosine similarity at which an answer counts as fully on topic: a good answer in the
// candidate's own words shares the reference's key terms but not its phrasing.
const FULL_RELEVANCE_SIMILARITY = 0.45;
// Share of the reference answer's technical terms (rarity-weighted) that earns full accuracy.
const FULL_ACCURACY_SHARE = 0.45;
const MAX_GOLD_TERMS = 40;
const OFF_TOPIC_RELEVANCE = 2;
const WEAK_CONTRADICTION_PENALTY = 1.5;
const MAX_WEAK_CONTRADICTION_PENALTY = 3;

// Ceilings for answers that contradict the reference or describe questionable practice: they can
// read fluently and use every right word, so only the claims decide, and they decide low.
const CONTRADICTION_CAPS: DimensionScores = {
  relevance: 6,
  completeness: 4,
  accuracy: 1.5,
  clarity: 10,
};

function clampScore(value: number): number {
  return Math.round(Math.max(0, Math.min(10, value)) * 10) / 10;
}

function roundScores(scores: DimensionScores): DimensionScores {
  return {
    relevance: clampScore(scores.relevance),
    completeness: clampScore(scores.completeness),
    accuracy: clampScore(scores.accuracy),
    clarity: clampScore(scores.clarity),
  };
}

function capScores(scores: DimensionScores, caps: DimensionScores): DimensionScores {
  return {
    relevance: Math.min(scores.relevance, caps.relevance),
    completeness: Math.min(scores.completeness, caps.completeness),
    accuracy: Math.min(scores.accuracy, caps.accuracy),
    clarity: Math.min(scores.clarity, caps.clarity),
  };
}

function unbackedAbsolutes(answer: AnswerToScore): number {
  const reference = new Set(
    wordTokens(`${answer.goldStandardAnswer} ${answer.keyPoints.join(' ')}`),
  );
  return clauses(answer.answerText)
    .flatMap((c) => c.absolutes)
    .filter((word) => !reference.has(word)).length;
}

interface Signals {
  topical: number;
  coverage: number;
  referenceTerms: number;
  claims: ClaimCheck;
  story: StoryReport;
}

// Deterministic, explainable scoring of a written or transcribed answer from its text alone.
// Technical answers are scored on the reference's key points and claims; behavioural answers on
// the shape and substance of the story (situation, action, result); situational answers on both
// the key points and the plan. High scores need positive evidence (key points covered, no
// contradicted claim); where the signals disagree the score is held back and flagged for review.
export class AnswerScorer {
  score(answer: AnswerToScore): AnswerScore {
    const guards = detectAnswerGuards(answer);
    const evidence = answerEvidence(answer.answerText);
    const keyPoints =
      answer.keyPoints.length > 0 ? answer.keyPoints : sentences(answer.goldStandardAnswer);
    const matches = matchKeyPoints(keyPoints, evidence);
    const clarity = measureClarity(answer.answerText);
    const claims = checkClaims(answer);
    const contradicted = new Set(
      claims.contradictions.filter((c) => c.strong).map((c) => c.referenceClaim),
    );
    // A key point the answer states the opposite of is not covered.
    const credited = matches.map((m) =>
      contradicted.has(m.keyPoint) ? { ...m, matched: false, coverage: 0 } : m,
    );
    const coverage =
      credited.length === 0
        ? 0
        : credited.reduce((sum, m) => sum + (m.matched ? 1 : 0.5 * m.coverage), 0) /
          credited.length;
    const signals: Signals = {
      topical: this.relevance(answer),
      coverage,
      referenceTerms: this.referenceTermAccuracy(evidence, answer),
      claims,
      story: analyseStory(answer.answerText),
    };

    let scores = {
      ...this.dimensions(answer, signals),
      clarity: guards.nonsense ? clarity.formScore : clarity.score,
    };
    const flags: AnswerFlag[] = guardFlags(guards);
    const strong = claims.contradictions.filter((c) => c.strong).length;
    const weak = claims.contradictions.length - strong;
    if (strong > 0) {
      flags.push('contradicts_reference');
      scores = capScores(scores, CONTRADICTION_CAPS);
    } else if (weak > 0) {
      scores.accuracy -= Math.min(
        MAX_WEAK_CONTRADICTION_PENALTY,
        weak * WEAK_CONTRADICTION_PENALTY,
      );
    }
    if (answer.questionType !== 'technical' && signals.story.questionablePractices.length > 0) {
      flags.push('questionable_practice');
      scores = capScores(scores, CONTRADICTION_CAPS);
    }
    // Unstructured text about something else is word salad ("banana purple elephant…"), not a list
    // of the topic's terms.
    if (flags.includes('keyword_list') && signals.topical < OFF_TOPIC_RELEVANCE * 1.5) {
      flags.splice(flags.indexOf('keyword_list'), 1, 'nonsense');
    }
    if (flags.length === 0 && signals.topical < OFF_TOPIC_RELEVANCE) {
      flags.push('off_topic');
    }
    scores = applyGuardCaps(scores, flags);
    const confidence = assessConfidence({
      questionType: answer.questionType,
      flags,
      scores,
      signals,
      wordCount: guards.wordCount,
      unbackedAbsolutes: unbackedAbsolutes(answer),
      weakContradictions: weak,
      strongContradictions: strong,
    });
    scores = roundScores(confidence.scores);

    // Words echoed from the question, or found among noise, are no evidence of a key point.
    const shown =
      guards.parrotsQuestion || guards.nonsense || flags.includes('nonsense')
        ? credited.map((m) => ({ ...m, matched: false }))
        : credited;
    const feedback = {
      scores,
      matches: shown,
      flags,
      clarity,
      reasons: confidence.review.reasons,
    };
    return {
      scores,
      rationale: buildRationale(feedback),
      matched_key_points: shown.filter((m) => m.matched).map((m) => m.keyPoint),
      missed_key_points: shown.filter((m) => !m.matched).map((m) => m.keyPoint),
      flags,
      coaching: buildCoaching(feedback),
      confidence: confidence.review,
    };
  }

  private dimensions(answer: AnswerToScore, s: Signals): Omit<DimensionScores, 'clarity'> {
    const { topical, coverage, referenceTerms, story } = s;
    switch (answer.questionType) {
      case 'behavioral':
        // A story is judged on its shape (situation, task, actions, result, lesson) and substance
        // (numbers, concrete first-person actions); the rubric-like key points add to it.
        return {
          relevance: Math.min(10, 0.4 * topical + 6 * story.star + 1.5 * coverage),
          completeness: 10 * (0.6 * story.star + 0.4 * coverage),
          accuracy: 10 * (0.6 * story.specificity + 0.4 * story.star),
        };
      case 'situational':
        return {
          relevance: Math.min(10, 0.6 * topical + 4 * story.plan),
          completeness: 10 * (0.7 * coverage + 0.3 * story.plan),
          accuracy: Math.min(referenceTerms, 2 + 8 * coverage) * 0.7 + 3 * story.plan,
        };
      case 'technical':
        // Being on topic and using the reference's words is not enough for a high score: both are
        // bounded by how many key points the answer actually covers.
        return {
          relevance: Math.min(topical, 5 + 5 * Math.sqrt(coverage)),
          completeness: 10 * coverage,
          accuracy: Math.min(referenceTerms, 2 + 8 * coverage),
        };
    }
  }

  // TF-IDF cosine between the answer and the question plus its reference answer and key points.
  private relevance(answer: AnswerToScore): number {
    const { weights } = scoringVocabulary();
    const reference = contentTerms(
      [answer.questionText, answer.goldStandardAnswer, ...answer.keyPoints].join('\n'),
    );
    const similarity = cosineSimilarity(
      weights.vector(contentTerms(answer.answerText)),
      weights.vector(reference),
    );
    return 10 * Math.min(1, similarity / FULL_RELEVANCE_SIMILARITY) ** 0.8;
  }

  // The reference answer's rarest terms beyond the question's own words, and how many of them
  // (weighted by rarity) the answer uses.
  private referenceTermAccuracy(evidence: AnswerEvidence, answer: AnswerToScore): number {
    const { weights } = scoringVocabulary();
    const questionTerms = new Set(contentTerms(answer.questionText));
    const goldTerms = [...new Set(contentTerms(answer.goldStandardAnswer))]
      .filter((term) => !questionTerms.has(term))
      .map((term) => ({ term, weight: weights.idf(term) }))
      .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
      .slice(0, MAX_GOLD_TERMS);
    const total = goldTerms.reduce((sum, t) => sum + t.weight, 0);
    if (total === 0) {
      return 0;
    }
    const found = goldTerms
      .filter((t) => hasTerm(t.term, evidence))
      .reduce((sum, t) => sum + t.weight, 0);
    return 10 * Math.min(1, found / total / FULL_ACCURACY_SHARE);
  }
}
