// An application's `source` is typed by the applicant (up to 60 characters), so it can hold
// anything, a name included ("referred by …"). What outlives the person — the audit log, pipeline
// statistics, an erased person's application — keeps only the channel: a well-known one as
// given, anything else as 'other'.
const KNOWN_CHANNELS = new Set([
  'agency',
  'angellist',
  'api',
  'career_fair',
  'careers_page',
  'company_website',
  'direct',
  'email',
  'employee_referral',
  'event',
  'facebook',
  'github',
  'glassdoor',
  'import',
  'indeed',
  'instagram',
  'internal',
  'job_board',
  'linkedin',
  'monster',
  'other',
  'recruiter',
  'referral',
  'social_media',
  'stackoverflow',
  'stepstone',
  'twitter',
  'university',
  'website',
  'wellfound',
  'x',
  'xing',
  'ziprecruiter',
]);

export const OTHER_CHANNEL = 'other';

function channelKey(source: string): string {
  return source
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function isKnownChannel(source: string): boolean {
  return KNOWN_CHANNELS.has(channelKey(source));
}

// The channel in its canonical spelling ('LinkedIn' → 'linkedin'), or 'other'.
export function sourceChannel(source: string): string {
  const key = channelKey(source);
  return KNOWN_CHANNELS.has(key) ? key : OTHER_CHANNEL;
}

// What an erased person's application keeps: a known channel as it was written, else 'other'.
export function erasedSource(source: string): string {
  return isKnownChannel(source) ? source : OTHER_CHANNEL;
}
