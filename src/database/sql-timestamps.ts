// A timestamptz column formatted by PostgreSQL exactly as Date#toISOString() would (UTC,
// milliseconds, `Z`). Hot read paths select timestamps this way: the Node process is their
// bottleneck, and parsing then re-formatting every value cost it more than to_char costs the
// database (bench/RESULTS.md, session 3). NULL stays NULL.
export function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
