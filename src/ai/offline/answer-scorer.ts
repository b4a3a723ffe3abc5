import type { AnswerFlag, AnswerScore, AnswerToScore, DimensionScores } from '../ai-provider';
import { applyGuardCaps, detectAnswerGuards, guardFlags } from './answer-guards';
import { measureClarity } from './clarity';
import { answerEvidence, hasTerm, matchKeyPoints, type AnswerEvidence } from './key-point-matcher';
import { buildCoaching, buildRationale } from './scoring-feedback';
import { scoringVocabulary } from './scoring-vocabulary';
import { NEGATIONS } from './text/stop-words';
import { cosineSimilarity } from './text/term-weights';
import { contentTerms, sentences, wordTokens } from './text/tokenizer';

// Cosine similarity at which an answer counts as fully on topic: a good answer in the
// candidate's own words shares the reference's key terms but not its phrasing.
const FULL_RELEVANCE_SIMILARITY = 0.45;
// Share of the reference answer's technical terms (rarity-weighted) that earns full accuracy.
const FULL_ACCURACY_SHARE = 0.45;
const MAX_GOLD_TERMS = 40;
const OFF_TOPIC_RELEVANCE = 2;
const CONTRADICTION_SIMILARITY = 0.6;
const CONTRADICTION_PENALTY = 2;
const MAX_CONTRADICTION_PENALTY = 4;

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

function isNegated(sentence: string): boolean {
  return wordTokens(sentence).some((token) => NEGATIONS.has(token));
}

// Deterministic, explainable scoring of a written or transcribed answer from its text alone.
export class AnswerScorer {
  score(answer: AnswerToScore): AnswerScore {
    const guards = detectAnswerGuards(answer);
    const questionTerms = new Set(contentTerms(answer.questionText));
    const evidence = answerEvidence(answer.answerText);
    const answerTerms = contentTerms(answer.answerText);

    const keyPoints =
      answer.keyPoints.length > 0 ? answer.keyPoints : sentences(answer.goldStandardAnswer);
    const matches = matchKeyPoints(keyPoints, evidence);
    const completeness =
      matches.length === 0
        ? 0
        : (10 * matches.reduce((sum, m) => sum + (m.matched ? 1 : 0.5 * m.coverage), 0)) /
          matches.length;
    const relevance = this.relevance(answerTerms, answer);
    const contradictions = this.contradictions(answer);
    const accuracy =
      this.referenceTermAccuracy(evidence, answer, questionTerms) -
      Math.min(MAX_CONTRADICTION_PENALTY, contradictions * CONTRADICTION_PENALTY);
    const clarity = measureClarity(answer.answerText);

    const flags: AnswerFlag[] = guardFlags(guards);
    if (contradictions > 0) {
      flags.push('contradicts_reference');
    }
    if (flags.length === 0 && relevance < OFF_TOPIC_RELEVANCE) {
      flags.push('off_topic');
    }
    const scores = roundScores(
      applyGuardCaps({ relevance, completeness, accuracy, clarity: clarity.score }, flags),
    );
    // Words echoed from the question, or found among noise, are no evidence of a key point.
    const credited =
      guards.parrotsQuestion || guards.nonsense
        ? matches.map((m) => ({ ...m, matched: false }))
        : matches;
    const feedback = { scores, matches: credited, flags, clarity };
    return {
      scores,
      rationale: buildRationale(feedback),
      matched_key_points: credited.filter((m) => m.matched).map((m) => m.keyPoint),
      missed_key_points: credited.filter((m) => !m.matched).map((m) => m.keyPoint),
      flags,
      coaching: buildCoaching(feedback),
    };
  }

  // TF-IDF cosine between the answer and the question plus its reference answer and key points.
  private relevance(answerTerms: string[], answer: AnswerToScore): number {
    const { weights } = scoringVocabulary();
    const reference = contentTerms(
      [answer.questionText, answer.goldStandardAnswer, ...answer.keyPoints].join('\n'),
    );
    const similarity = cosineSimilarity(weights.vector(answerTerms), weights.vector(reference));
    return 10 * Math.min(1, similarity / FULL_RELEVANCE_SIMILARITY) ** 0.8;
  }

  // The reference answer's rarest terms beyond the question's own words, and how many of them
  // (weighted by rarity) the answer uses.
  private referenceTermAccuracy(
    evidence: AnswerEvidence,
    answer: AnswerToScore,
    questionTerms: ReadonlySet<string>,
  ): number {
    const { weights } = scoringVocabulary();
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

  // A sentence that closely matches a reference sentence but flips its negation ("const does not
  // prevent reassignment") is counted as a contradiction.
  private contradictions(answer: AnswerToScore): number {
    const goldSentences = sentences(answer.goldStandardAnswer).map((text) => ({
      terms: new Set(contentTerms(text)),
      negated: isNegated(text),
    }));
    let count = 0;
    for (const text of sentences(answer.answerText)) {
      const terms = new Set(contentTerms(text));
      if (terms.size < 3) {
        continue;
      }
      const negated = isNegated(text);
      const flips = goldSentences.some((gold) => {
        const shared = [...terms].filter((t) => gold.terms.has(t)).length;
        const overlap = shared / Math.min(terms.size, gold.terms.size);
        return (
          gold.terms.size >= 3 && overlap >= CONTRADICTION_SIMILARITY && gold.negated !== negated
        );
      });
      count += flips ? 1 : 0;
    }
    return count;
  }
}
