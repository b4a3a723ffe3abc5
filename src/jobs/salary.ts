// "$120k - $150k", "120,000-150,000 EUR", "90000" → { min, max } in whole currency units.
export function parseSalaryRange(text: string | null | undefined): {
  min: number | null;
  max: number | null;
} {
  if (!text) {
    return { min: null, max: null };
  }
  const numbers = [...text.toLowerCase().matchAll(/(\d+(?:[.,]\d+)*)\s*(k|m)?/g)]
    .map(([, digits, unit]) => {
      const value = Number(digits.replace(/,/g, ''));
      return unit === 'k' ? value * 1000 : unit === 'm' ? value * 1_000_000 : value;
    })
    .filter((n) => Number.isFinite(n) && n > 0);
  if (numbers.length === 0) {
    return { min: null, max: null };
  }
  const clamp = (n: number) => Math.min(Math.round(n), 2_000_000_000);
  return { min: clamp(Math.min(...numbers)), max: clamp(Math.max(...numbers)) };
}
