import { searchTerms } from './search-terms';

describe(searchTerms.name, () => {
  it('offers any-word matching when there is more than one word', () => {
    expect(searchTerms('  data scientist ')).toEqual({
      all: 'data scientist',
      any: 'data or scientist',
      none: null,
    });
  });

  it('keeps one word or one phrase as a single query', () => {
    expect(searchTerms('rust').any).toBeNull();
    expect(searchTerms('"data scientist"').any).toBeNull();
  });

  it('keeps quoted phrases whole and exclusions apart from the alternatives', () => {
    expect(searchTerms('"machine learning" python -java -"team lead"')).toEqual({
      all: '"machine learning" python -java -"team lead"',
      any: '"machine learning" or python',
      none: '-java -"team lead"',
    });
  });

  it('drops a typed "or" (the alternatives are already or-ed)', () => {
    expect(searchTerms('python OR go').any).toBe('python or go');
  });
});
