// English function words that carry no topic on their own. Negations stay in the list because
// topic similarity ignores them; contradiction checks look at the raw tokens instead.
const WORDS = `
a about above after again against all almost also although always am among an and another any
anybody anyone anything are around as at away be because been before being below between both
but by can cannot could did do does doing done down during each either else enough etc even ever
every everything few for from further get gets getting goes going got had has have having he
her here hers herself him himself his how however i if in into is it its itself just least less
lets many may maybe me might mine more most much must my myself neither never no nobody none
nor not nothing now of off often on once one only onto or other others otherwise our ours
ourselves out over own per perhaps quite rather really said same say says see seem seems several
shall she should since so some somebody someone something sometimes somewhat still such than that
the their theirs them themselves then there therefore these they thing things this those though
through thus to too toward towards under until up upon us usually very via was we well were what
whatever when whenever where whereas wherever whether which while who whoever whom whose why will
with within without would yes yet you your yours yourself yourselves
dont doesnt didnt isnt arent wasnt werent wont wouldnt cant couldnt shouldnt hasnt havent hadnt
im ive id youre youve theyre theyve weve were lets thats whats theres heres its
`;

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

export const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'shouldnt',
  'neither',
  'nor',
]);

// Verbs and nouns that key points use to describe an answer rather than its content
// ("Explains the trade-off…"); they must not count as evidence in the answer.
export const RUBRIC_WORDS: ReadonlySet<string> = new Set([
  'describe',
  'describes',
  'explain',
  'explains',
  'mention',
  'mentions',
  'name',
  'names',
  'discuss',
  'discusses',
  'give',
  'gives',
  'show',
  'shows',
  'candidate',
  'answer',
  'example',
  'examples',
  'ideally',
  'clearly',
  'concrete',
  'specific',
]);

export const isStopWord = (token: string): boolean => STOP_WORDS.has(token);
