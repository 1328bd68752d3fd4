import { Bm25Index } from './bm25-index.ts';
import { properNouns } from './language.ts';
import { tokenize } from './text-analysis.ts';
import type { Candidate } from './belief.ts';

// The playbook types by way of the belief, wherever the schema module lives.
type Playbook = Candidate['playbook'];

/**
 * The problem area a description points at, before it says which problem: "Cannot print" is
 * a printing ticket (spooler, driver, offline printer…) even though it names none of them;
 * "Outlook is acting up" is an Outlook ticket. An experienced engineer treats that as
 * evidence for every playbook of the area at once and asks what tells them apart, instead of
 * "I don't know this one".
 *
 * The area is read from the pack itself — a ranked index whose documents are the categories
 * (all their playbooks' titles, symptoms, keywords and signal phrases), so a word shared by
 * the playbooks of one area ("print", "outlook") counts there even where the per-playbook
 * index ignores it as too common. It counts only when
 * - the description is mostly in the pack's words and names no product the pack does not
 *   know: an unfamiliar name ("QuickBooks", "Sage 50", "AutoCAD") or a description half made
 *   of unfamiliar words ("the coffee machine", "the badge reader") is evidence that the
 *   problem is outside the pack, and the honest answer stays "I don't know this one" — while
 *   an ordinary word the pack happens not to use ("from the reception PC") is not, though the
 *   area must then stand out more clearly;
 * - the area has several playbooks (a one-playbook area is that playbook's own evidence);
 * - it clearly leads the next area.
 */
export interface AreaReading {
  category: string;
  /** Log-odds added to each playbook of the area. */
  weight: number;
  /** The area's ranked-retrieval score, for the explanation. */
  score: number;
}

export interface AreaOptions {
  /** Log-odds per unit of area score, and its cap. */
  weight: number;
  cap: number;
  /** Minimum area score, and how far ahead of the next area it must be (ratio). */
  minimumScore: number;
  margin: number;
}

export const areaOptions: AreaOptions = { weight: 0.6, cap: 3, minimumScore: 3.5, margin: 1.2 };

/** Words of complaint that say something is wrong but not what — neither an area nor unfamiliar. */
const vagueWords = new Set(
  tokenize(
    'acting up playing up misbehaving weird weirdly strange funny odd broken broke wrong bad fails failing failed ' +
      'error errors trouble help urgent asap again anything something everything nothing properly correctly',
  ),
);

export class ProblemAreas {
  readonly #index: Bm25Index;
  readonly #vocabulary = new Set<string>();
  readonly #sizes = new Map<string, number>();
  readonly #options: AreaOptions;

  constructor(playbooks: readonly Playbook[], options: AreaOptions = areaOptions) {
    this.#options = options;
    const texts = new Map<string, string[]>();
    for (const playbook of playbooks) {
      this.#sizes.set(playbook.category, (this.#sizes.get(playbook.category) ?? 0) + 1);
      const described = [
        playbook.title,
        ...playbook.symptoms,
        ...(playbook.keywords ?? []),
        ...(playbook.signals ?? []).flatMap((signal) => (signal.weight > 0 ? (signal.phrases ?? []) : [])),
      ];
      texts.set(playbook.category, [...(texts.get(playbook.category) ?? []), ...described]);
      // What the pack knows: everything a playbook says, its questions and answers included.
      const known = [
        ...described,
        playbook.category,
        playbook.root_cause,
        playbook.fix.title,
        playbook.fix.description,
        ...playbook.questions.flatMap((question) => [
          question.text,
          ...question.answers.flatMap((answer) => [...answer.match, answer.fact ?? '']),
        ]),
        ...playbook.checks.map((check) => check.title),
      ];
      for (const text of known) for (const token of tokenize(text)) this.#vocabulary.add(token);
    }
    this.#index = new Bm25Index(
      [...texts].map(([category, lines]) => ({
        id: category,
        fields: [{ text: lines.join('\n'), weight: 1 }],
      })),
      { maxShare: 0.3 },
    );
  }

  /** Content words of `text` the pack has never seen (numbers and vague complaint words aside). */
  unfamiliarWords(text: string): string[] {
    return [...new Set(tokenize(text))].filter(
      (token) => !/^\d+(st|nd|rd|th)?$/.test(token) && !vagueWords.has(token) && !this.#vocabulary.has(token),
    );
  }

  /**
   * Whether the description names something the pack does not cover: an unfamiliar word the
   * tagger reads as a proper noun (a product or brand), or unfamiliar words making up half of
   * its content words.
   */
  pointsOutsideThePack(prose: string): boolean {
    const unfamiliar = new Set(this.unfamiliarWords(prose));
    if (unfamiliar.size === 0) return false;
    const content = new Set(
      tokenize(prose).filter((token) => !/^\d+(st|nd|rd|th)?$/.test(token) && !vagueWords.has(token)),
    );
    if (unfamiliar.size * 2 >= content.size) return true;
    return properNouns(prose).some((name) => tokenize(name).some((token) => unfamiliar.has(token)));
  }

  /** The area the engineer's prose points at, if it clearly points at one. */
  read(prose: string): AreaReading | undefined {
    if (this.pointsOutsideThePack(prose)) return undefined;
    const [best, next] = this.#index.search(prose);
    // A word the pack never uses is a doubt: the area must then be read more clearly.
    const minimum = this.#options.minimumScore * (this.unfamiliarWords(prose).length > 0 ? 1.5 : 1);
    if (!best || best.score < minimum) return undefined;
    if ((this.#sizes.get(best.id) ?? 0) < 2) return undefined;
    if (next && next.score * this.#options.margin > best.score) return undefined;
    return {
      category: best.id,
      score: best.score,
      weight: Math.min(this.#options.cap, best.score * this.#options.weight),
    };
  }
}
