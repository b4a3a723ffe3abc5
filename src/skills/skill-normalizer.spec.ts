import {
  countSkillMentions,
  extractSkillsFromText,
  getSkillDefinition,
  normalizeSkill,
  normalizeSkills,
  skillKey,
} from './skill-normalizer';

describe('normalizeSkill', () => {
  it.each([
    ['JS', 'JavaScript'],
    ['ecmascript', 'JavaScript'],
    ['ES6', 'JavaScript'],
    ['k8s', 'Kubernetes'],
    ['Postgres', 'PostgreSQL'],
    ['psql', 'PostgreSQL'],
    ['pgsql', 'PostgreSQL'],
    ['GCP', 'Google Cloud'],
    ['google cloud platform', 'Google Cloud'],
    ['AWS', 'Amazon Web Services'],
    ['nodejs', 'Node.js'],
    ['Node JS', 'Node.js'],
    ['node', 'Node.js'],
    ['cpp', 'C++'],
    ['c++', 'C++'],
    ['csharp', 'C#'],
    ['C♯', 'C#'],
    ['.net', '.NET'],
    ['dotnet', '.NET'],
    ['golang', 'Go'],
    ['go', 'Go'],
    ['r', 'R'],
    ['c', 'C'],
    ['  tensorflow ', 'TensorFlow'],
    ['Apache Beam', 'Apache Beam'],
    ['apache hadoop', 'Hadoop'],
    ['redshift', 'Amazon Redshift'],
    ['react.js', 'React'],
    ['Scikit Learn', 'scikit-learn'],
    ['ci/cd', 'CI/CD'],
    ['Python 3.11', 'Python'],
    ['Go (Golang)', 'Go'],
    ['• Docker,', 'Docker'],
  ])('maps %p to %p', (raw, expected) => {
    expect(normalizeSkill(raw)).toBe(expected);
  });

  it.each(['', '   ', 'net', 'basket weaving', 'the'])('does not invent a skill for %p', (raw) => {
    expect(normalizeSkill(raw)).toBeNull();
  });
});

describe('normalizeSkills', () => {
  it('de-duplicates spellings of one skill and keeps canonical names in first-seen order', () => {
    expect(normalizeSkills(['postgres', 'React', 'PostgreSQL', 'reactjs', 'k8s'])).toEqual([
      'PostgreSQL',
      'React',
      'Kubernetes',
    ]);
  });

  it('drops unknown entries unless asked to keep them', () => {
    expect(normalizeSkills(['Python', 'Underwater Basket Weaving'])).toEqual(['Python']);
    expect(
      normalizeSkills(
        ['Python', '  Underwater   Basket Weaving ', 'underwater basket-weaving', ''],
        {
          keepUnknown: true,
        },
      ),
    ).toEqual(['Python', 'Underwater Basket Weaving']);
  });
});

describe('skillKey', () => {
  it('gives every spelling of a skill the same storage key', () => {
    expect(skillKey('k8s')).toBe(skillKey('Kubernetes'));
    expect(skillKey('Postgres')).toBe('postgresql');
    expect(skillKey('Node.js')).toBe('nodejs');
    expect(skillKey('C++')).toBe('c++');
    expect(skillKey('C#')).toBe('c#');
    expect(skillKey('.NET')).toBe('.net');
    expect(skillKey('C')).not.toBe(skillKey('C++'));
  });

  it('keys unknown skills by their lower-cased, punctuation-free spelling', () => {
    expect(skillKey('  Quantum Basket-Weaving ')).toBe('quantumbasketweaving');
  });
});

describe('getSkillDefinition', () => {
  it('returns the category and relations of a skill found by alias', () => {
    expect(getSkillDefinition('k8s')).toMatchObject({ name: 'Kubernetes', category: 'devops' });
    expect(getSkillDefinition('nothing-like-a-skill')).toBeNull();
  });
});

describe('extractSkillsFromText', () => {
  it('reads a short skill that ends the text as the last item of a list', () => {
    // Regression: looking past the final token for a list neighbour used to throw.
    expect(extractSkillsFromText('SKILLS\nKubernetes, Terraform, Go')).toEqual(
      expect.arrayContaining(['Kubernetes', 'Terraform', 'Go']),
    );
  });

  it('finds skills with punctuation in their names', () => {
    const text =
      'Shipped services in C++ and C#, a .NET 8 API, and Node.js workers; tested with pytest.';
    expect(extractSkillsFromText(text)).toEqual(
      expect.arrayContaining(['C++', 'C#', '.NET', 'Node.js', 'pytest']),
    );
    expect(extractSkillsFromText(text)).not.toContain('C');
  });

  it('prefers the longest name it can match', () => {
    expect(
      extractSkillsFromText('Deployed to Google Cloud Platform with React Native clients'),
    ).toEqual(['Google Cloud', 'React Native']);
  });

  it('reads Go and R as skills only inside a list of skills', () => {
    expect(extractSkillsFromText('Languages: Go, Rust, TypeScript')).toEqual([
      'Go',
      'Rust',
      'TypeScript',
    ]);
    expect(extractSkillsFromText('Wrote data tooling in Python and R for analysts')).toEqual([
      'Python',
      'R',
    ]);
    expect(extractSkillsFromText('Ready to go the extra mile; R&D budget owner')).toEqual([]);
    expect(extractSkillsFromText('We had to Go live in a week')).toEqual([]);
  });

  it('accepts lower-case short names when the caller says the text is a skills list', () => {
    expect(extractSkillsFromText('go, r, c, python', { listContext: true })).toEqual([
      'Go',
      'R',
      'C',
      'Python',
    ]);
  });

  it('treats everyday words as skills only when capitalised mid-sentence or listed', () => {
    expect(extractSkillsFromText('Built the dashboard in React with Redux')).toEqual([
      'React',
      'Redux',
    ]);
    expect(extractSkillsFromText('Learned to react quickly and spark ideas')).toEqual([]);
    expect(extractSkillsFromText('Stack: react, spring, kafka')).toEqual([
      'React',
      'Spring',
      'Apache Kafka',
    ]);
  });

  it('does not mistake employers written in Title Case for skills', () => {
    expect(extractSkillsFromText('Senior Engineer, Spring Health')).toEqual([]);
    expect(extractSkillsFromText('Previously worked at Slack on the payments team')).toEqual([]);
  });

  it('looks inside hyphenated and possessive words', () => {
    expect(
      extractSkillsFromText('Hadoop-based ingestion into Cassandra; Docker’s build cache'),
    ).toEqual(['Hadoop', 'Cassandra', 'Docker']);
  });

  it('counts repeated mentions', () => {
    const counts = countSkillMentions('Python here, python there, and PYTHON again; Docker once.');
    expect(counts.get('Python')).toBe(3);
    expect(counts.get('Docker')).toBe(1);
  });
});
