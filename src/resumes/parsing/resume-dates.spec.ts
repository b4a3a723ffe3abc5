import {
  coveredMonths,
  findDateRanges,
  formatMonth,
  leadingRangeEnd,
  monthIndex,
} from './resume-dates';
import { normalizeResumeText } from './resume-text';

const NOW = new Date(2024, 5, 15);

function ranges(line: string): [string, string | null][] {
  return findDateRanges(line, NOW).map((range) => [
    formatMonth(range.start),
    range.end === null ? null : formatMonth(range.end),
  ]);
}

function month(value: string): number {
  const [year, monthOfYear] = value.split('-').map(Number);
  return monthIndex(year, monthOfYear);
}

describe(findDateRanges.name, () => {
  it.each([
    ['Jan 2014 – Oct 2016', [['2014-01', '2016-10']]],
    ['Oct 2016 – Present', [['2016-10', null]]],
    ['2012–2013', [['2012-01', '2013-12']]],
    ['03/2019 - 06/2021', [['2019-03', '2021-06']]],
    ['Sept. 2015 - now', [['2015-09', null]]],
    ['January 2020 to March 2022', [['2020-01', '2022-03']]],
    ['Aug 2008 — July 2012', [['2008-08', '2012-07']]],
    ['2019-03 – 2020-11', [['2019-03', '2020-11']]],
    ["Jun '18 - Dec '19", [['2018-06', '2019-12']]],
    ['May 2021 – current', [['2021-05', null]]],
    ['2017 to date', [['2017-01', null]]],
    ['since 2019', [['2019-01', null]]],
    ['Feb 2022 –', [['2022-02', null]]],
    ['Summer 2012', [['2012-06', '2012-08']]],
    ['Engineer\tMar 2018 – Present', [['2018-03', null]]],
    ['July 2012 – Ongoing', [['2012-07', null]]],
    ['Sep. 2023 \u00ad Mar. 2024', [['2023-09', '2024-03']]],
    ['Sep. 2023 Mar. 2024', [['2023-09', '2024-03']]],
    ['Sep. 2016 Now', [['2016-09', null]]],
    ['2019 ― 2021', [['2019-01', '2021-12']]],
    ['Jan 2020 − till date', [['2020-01', null]]],
    [
      'Summer 2012 and 2013',
      [
        ['2012-06', '2012-08'],
        ['2013-06', '2013-08'],
      ],
    ],
    ['Fall 2020 – May 2023', [['2020-09', '2023-05']]],
    ['Jan 5, 2014 - Mar 3rd 2015', [['2014-01', '2015-03']]],
  ])('reads %p', (line, expected) => {
    expect(ranges(normalizeResumeText(line))).toEqual(expected);
  });

  it('marks a range whose end wrapped onto the next line, and reads that end', () => {
    const [open] = findDateRanges('June 2020 – Backend Developer, Initech', NOW);
    expect(open).toMatchObject({ open: 'text', single: true });
    expect(leadingRangeEnd('Present Working on payments', NOW)).toEqual({
      end: null,
      length: 'Present'.length,
    });
    expect(leadingRangeEnd('May 2020 Developed the app', NOW)).toEqual({
      end: monthIndex(2020, 5),
      length: 'May 2020'.length,
    });
    expect(leadingRangeEnd('Developed the app in 2020', NOW)).toBeNull();
  });

  it.each([
    'Grew revenue by 2500%',
    '100,000 students enrolled',
    'GPA: 3.66 (9.15/10.0)',
    'Call +1 415 555 0142',
    'Firmware v2019.3',
  ])('finds no dates in %p', (line) => {
    expect(ranges(line)).toEqual([]);
  });
});

describe(coveredMonths.name, () => {
  it.each([
    ['one closed range, both ends included', [['2015-01', '2015-12']], 12],
    [
      'overlapping ranges counted once',
      [
        ['2015-01', '2018-06'],
        ['2018-03', '2019-12'],
      ],
      60,
    ],
    [
      'back-to-back ranges',
      [
        ['2016-09', '2019-02'],
        ['2019-03', '2021-06'],
      ],
      58,
    ],
    [
      'a range inside another',
      [
        ['2012-01', '2013-12'],
        ['2012-06', '2012-08'],
      ],
      24,
    ],
    ['an ongoing role running to now', [['2023-07', null]], 12],
    [
      'an overlap with an ongoing role',
      [
        ['2015-01', '2018-06'],
        ['2018-03', null],
      ],
      114,
    ],
    ['a role that starts in the future', [['2025-01', null]], 0],
    ['a range that ends before it starts', [['2020-05', '2019-01']], 0],
    [
      'a gap between roles',
      [
        ['2010-01', '2010-12'],
        ['2012-01', '2012-12'],
      ],
      24,
    ],
  ])('counts %s', (_label, spans, expected) => {
    const input = (spans as [string, string | null][]).map(([start, end]) => ({
      start: month(start),
      end: end === null ? null : month(end),
    }));
    expect(coveredMonths(input, NOW)).toBe(expected);
  });
});
