import { stem } from './stemmer';
import { contentTerms, sentences, wordTokens } from './tokenizer';

describe('text analysis', () => {
  it.each([
    [['cache', 'caches', 'caching', 'cached'], 'cach'],
    [['optimise', 'optimize', 'optimization', 'optimised', 'optimising'], 'optimiz'],
    [['partition', 'partitions', 'partitioned', 'partitioning'], 'partition'],
    [['index', 'indexes', 'indexing'], 'index'],
    [['query', 'queries', 'queried'], 'query'],
    [['run', 'running', 'runs'], 'run'],
  ])('stems %j to %s', (words, expected) => {
    expect(words.map(stem)).toEqual(words.map(() => expected));
  });

  it('keeps technical names whole and folds abbreviations', () => {
    expect(wordTokens('C++, C# and .NET on k8s via CI/CD; Node.js reads read-only data')).toEqual([
      'cpp',
      'csharp',
      'and',
      'dotnet',
      'on',
      'kubernetes',
      'via',
      'cicd',
      'nodejs',
      'reads',
      'readonly',
      'data',
    ]);
  });

  it('drops stop words but keeps language keywords such as let and go', () => {
    expect(contentTerms('You should let the Go code do the work')).toEqual([
      'let',
      'go',
      'cod',
      'work',
    ]);
  });

  it('splits sentences on terminal punctuation and line breaks', () => {
    expect(sentences('First point. Second one?\nThird line without a stop')).toEqual([
      'First point.',
      'Second one?',
      'Third line without a stop',
    ]);
  });
});
