import { ValueTransformer } from 'typeorm';

// node-postgres returns NUMERIC as a string to avoid precision loss; our numerics (years, scores)
// are small decimals that fit a JS number exactly enough.
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value == null ? null : Number(value)),
};
