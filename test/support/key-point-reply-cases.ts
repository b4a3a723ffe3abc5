// Key-point lists as real models return them (paraphrased, reordered, with extras, incomplete),
// for the provider specs that drive each model client against its fake server. The answer they
// grade has the key points of KEY_POINTS, in that order.
export const KEY_POINTS = [
  'image is a read-only template',
  'container is a running instance',
  'volumes keep data',
] as const;

export interface KeyPointReplyCase {
  title: string;
  matched: string[];
  missed: string[];
  expectedMatched: string[];
  expectedMissed: string[];
  // Listings that name no given key point and must be dropped (and logged).
  dropped: number;
}

const [template, instance, volumes] = KEY_POINTS;

export const KEY_POINT_REPLY_CASES: KeyPointReplyCase[] = [
  {
    title: 'paraphrased key points',
    matched: [
      'Images are immutable, read-only templates',
      'A container is an image running as an instance',
    ],
    missed: ['Persisting data in volumes'],
    expectedMatched: [template, instance],
    expectedMissed: [volumes],
    dropped: 0,
  },
  {
    title: 'reordered key points in another case and with punctuation',
    matched: ['CONTAINER IS A RUNNING INSTANCE.', 'Image is a read-only template!'],
    missed: ['volumes keep data'],
    expectedMatched: [template, instance],
    expectedMissed: [volumes],
    dropped: 0,
  },
  {
    title: 'extra key points the question never had',
    matched: [template, instance, 'Explains layer caching in builds'],
    missed: [volumes, 'Mentions Docker Compose'],
    expectedMatched: [template, instance],
    expectedMissed: [volumes],
    dropped: 2,
  },
  {
    title: 'missing key points (neither matched nor missed)',
    matched: [template],
    missed: [],
    expectedMatched: [template],
    expectedMissed: [instance, volumes],
    dropped: 0,
  },
  {
    title: 'key points named by their number',
    matched: ['1', '2. container is a running instance'],
    missed: ['#3'],
    expectedMatched: [template, instance],
    expectedMissed: [volumes],
    dropped: 0,
  },
];
