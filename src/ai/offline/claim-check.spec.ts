import type { AnswerToScore } from '../ai-provider';
import { checkClaims } from './claim-check';

function anAnswer(reference: Partial<AnswerToScore>, answerText: string): AnswerToScore {
  return {
    questionText: 'Explain it.',
    goldStandardAnswer: '',
    keyPoints: [],
    questionType: 'technical',
    skills: [],
    answerText,
    ...reference,
  };
}

const kinds = (answer: AnswerToScore) =>
  checkClaims(answer).contradictions.map((c) => `${c.kind}${c.strong ? '!' : ''}`);

describe(checkClaims.name, () => {
  const idempotency = {
    keyPoints: ['GET, PUT and DELETE are idempotent', 'POST is not idempotent'],
  };

  it('finds a negation that bears on the shared terms', () => {
    expect(kinds(anAnswer(idempotency, 'PUT and DELETE are not idempotent.'))).toEqual([
      'negation!',
    ]);
  });

  it('ignores a negation elsewhere in the clause and idioms such as "no matter"', () => {
    expect(
      kinds(
        anAnswer(
          { keyPoints: ['repeating the request has the same effect as sending it once'] },
          'Repeating the request has the same effect, no matter how often you send it.',
        ),
      ),
    ).toEqual([]);
  });

  it('does not read a requirement as contradicting a statement', () => {
    expect(
      kinds(
        anAnswer(
          { keyPoints: ['counter increment is a non-atomic read-modify-write'] },
          'To be safe the counter read-modify-write has to be atomic.',
        ),
      ),
    ).toEqual([]);
  });

  it('finds opposite predicates', () => {
    expect(
      kinds(
        anAnswer(
          { keyPoints: ['containers share the host kernel'] },
          'Containers each run their own kernel.',
        ),
      ),
    ).toEqual(['antonym']);
  });

  it('finds roles swapped between the two things a question contrasts', () => {
    const probes = {
      questionText: 'What is the difference between a liveness probe and a readiness probe?',
      goldStandardAnswer:
        'When a liveness probe fails, the kubelet kills and restarts the container. When a readiness probe fails, the pod is removed from the Service endpoints and gets no traffic.',
    };

    expect(kinds(anAnswer(probes, 'Liveness removes the pod from the endpoints.'))).toEqual([
      'swapped!',
    ]);
    expect(kinds(anAnswer(probes, 'Liveness kills and restarts a stuck container.'))).toEqual([]);
  });
});
