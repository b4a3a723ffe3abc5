import { parseSalaryRange } from './salary';

describe('parseSalaryRange', () => {
  it.each([
    ['$120k - $150k', 120000, 150000],
    ['120,000-150,000 EUR', 120000, 150000],
    ['90000', 90000, 90000],
    ['£1.2m', 1200000, 1200000],
  ])('reads %s', (text, min, max) => {
    expect(parseSalaryRange(text)).toEqual({ min, max });
  });

  it('gives nulls when there is no number', () => {
    expect(parseSalaryRange('competitive')).toEqual({ min: null, max: null });
    expect(parseSalaryRange(null)).toEqual({ min: null, max: null });
  });
});
