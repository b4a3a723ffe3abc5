import { QUESTION_BANK } from './question-bank';
import { BEHAVIORAL_TEMPLATES } from './question-bank/behavioral-templates';
import { SITUATIONAL_TEMPLATES } from './question-bank/situational-templates';
import { TECHNICAL_TEMPLATES } from './question-bank/technical-templates';
import { contentTerms, wordTokens } from './text/tokenizer';
import { TermWeights } from './text/term-weights';

// Everyday words that technical reference texts rarely use, so that a plain, off-topic answer
// still counts as language rather than noise.
const EVERYDAY_WORDS = `
able accept account act add advice afternoon age ago agree air allow alone already animal answer
apple area arm art ask attention aunt baby back bad bag ball bank bath beach bear beautiful bed
beer begin believe best better big bike bird birthday black blue boat body book boring born boss
bottle box boy bread break breakfast bring brother brown build bus busy buy cake call car card
care carry cat catch chair change cheap check cheese chicken child children choose city class
clean clear close clothes coffee cold colour come company cook cooking cool corner cost country
couple course cousin cover cow cup cut dad dance dark daughter day dear decide dinner dish doctor
dog door dream dress drink drive dry early earth easy eat egg end enjoy evening exam eye face fact
fall family famous far farm fast father favourite feel film find fine finish fire fish floor flower
fly follow food foot football forget free friend fruit fun funny game garden girl glass gold good
great green group grow guitar hair half hand happy hard hat hate head health hear heart heavy hello
help hill history hobby holiday home hope horse hospital hot hotel hour house hungry husband idea
ill important interesting job juice keep kid kind kitchen know lake language large late laugh learn
leave left leg letter library life light like listen little live long look lose love lunch make man
market marry meal meet milk minute money month morning mother mountain move movie music name nice
night noise north nose note number old open orange paint paper parent park party pasta pay people
person phone picture piece pizza place plan plant play please pocket poor pretty price problem
public pull push question quiet rain read ready red remember rest restaurant rice rich ride right
river road room run sad salad sea season seat second sell send shop short sing sister sit sky sleep
slow small smile snow son song soon sorry sport spring star start stay stop story street strong
student study sugar summer sun sunny swim table talk tall tea teacher tell test thank think tired
today together tomorrow tonight town toy train travel tree trip true try turn uncle understand
visit wait walk wall want warm wash watch water weather week weekend welcome wet white wife win
window winter woman wonderful word work world write wrong year yellow young
`;

function corpusDocuments(): string[] {
  const documents: string[] = [];
  for (const entry of QUESTION_BANK) {
    for (const question of entry.questions) {
      documents.push(`${question.text} ${question.gold} ${question.keyPoints.join('. ')}`);
    }
  }
  for (const template of [
    ...BEHAVIORAL_TEMPLATES,
    ...SITUATIONAL_TEMPLATES,
    ...TECHNICAL_TEMPLATES,
  ]) {
    documents.push(`${template.text} ${template.gold} ${template.keyPoints.join('. ')}`);
  }
  return documents;
}

// Character-bigram model of the corpus vocabulary: pronounceable words score high, keyboard
// mashing ("sdfkjh", "qwrtzp") scores low.
export class LetterModel {
  private readonly counts = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private static readonly ALPHABET = 28;

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const padded = `^${word}$`;
      for (let i = 0; i + 1 < padded.length; i += 1) {
        const pair = padded.slice(i, i + 2);
        this.counts.set(pair, (this.counts.get(pair) ?? 0) + 1);
        this.totals.set(padded[i], (this.totals.get(padded[i]) ?? 0) + 1);
      }
    }
  }

  // Mean log-probability of the word's letter transitions (add-one smoothing).
  averageLogProbability(word: string): number {
    const padded = `^${word}$`;
    let sum = 0;
    for (let i = 0; i + 1 < padded.length; i += 1) {
      const count = this.counts.get(padded.slice(i, i + 2)) ?? 0;
      const total = this.totals.get(padded[i]) ?? 0;
      sum += Math.log((count + 1) / (total + LetterModel.ALPHABET));
    }
    return sum / (padded.length - 1);
  }
}

export interface ScoringVocabulary {
  weights: TermWeights;
  knownStems: ReadonlySet<string>;
  knownWords: ReadonlySet<string>;
  letters: LetterModel;
}

let cached: ScoringVocabulary | undefined;

export function scoringVocabulary(): ScoringVocabulary {
  if (!cached) {
    const documents = corpusDocuments();
    const termDocuments = documents.map(contentTerms);
    const knownWords = new Set<string>([
      ...documents.flatMap(wordTokens),
      ...EVERYDAY_WORDS.split(/\s+/).filter(Boolean),
    ]);
    cached = {
      weights: new TermWeights(termDocuments),
      knownStems: new Set([...termDocuments.flat(), ...[...knownWords].flatMap(contentTerms)]),
      knownWords,
      letters: new LetterModel([...knownWords].filter((w) => /^[a-z]+$/.test(w))),
    };
  }
  return cached;
}
