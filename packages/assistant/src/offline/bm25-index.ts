import { tokenize } from './text-analysis.ts';

export interface Bm25Document {
  id: string;
  /** Weighted fields; a weight of 2 counts each token twice. */
  fields: { text: string; weight: number }[];
}

export interface Bm25Hit {
  id: string;
  score: number;
  /** Distinct query terms found in the document. */
  matchedTerms: number;
}

/** Okapi BM25 over small in-memory documents. k1/b are the textbook defaults. */
export class Bm25Index {
  readonly #k1: number;
  readonly #b: number;
  readonly #documents: { id: string; termFrequency: Map<string, number>; length: number }[] = [];
  readonly #documentFrequency = new Map<string, number>();
  readonly #averageLength: number;

  readonly #idfPower: number;
  readonly #maxShare: number;

  /**
   * `idfPower` above 1 makes rare terms count for more than several common ones: five words
   * every playbook shares ("windows", "open", "file") should not add up to one that names
   * the problem ("spooler").
   */
  constructor(
    documents: Bm25Document[],
    options: { k1?: number; b?: number; idfPower?: number; maxShare?: number } = {},
  ) {
    this.#maxShare = options.maxShare ?? 1;
    this.#k1 = options.k1 ?? 1.2;
    this.#b = options.b ?? 0.75;
    this.#idfPower = options.idfPower ?? 1;
    for (const document of documents) {
      const termFrequency = new Map<string, number>();
      let length = 0;
      for (const field of document.fields) {
        for (const token of tokenize(field.text)) {
          termFrequency.set(token, (termFrequency.get(token) ?? 0) + field.weight);
          length += field.weight;
        }
      }
      for (const term of termFrequency.keys())
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      this.#documents.push({ id: document.id, termFrequency, length });
    }
    this.#averageLength =
      this.#documents.reduce((sum, document) => sum + document.length, 0) /
      Math.max(1, this.#documents.length);
  }

  #idf(term: string): number {
    const count = this.#documents.length;
    const frequency = this.#documentFrequency.get(term) ?? 0;
    return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)) ** this.#idfPower;
  }

  /** Scores every document against the query; sorted best first, ties by id for determinism. */
  search(query: string): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const hits = this.#documents.map((document) => {
      let score = 0;
      let matchedTerms = 0;
      for (const term of terms) {
        const frequency = document.termFrequency.get(term);
        if (!frequency) continue;
        if ((this.#documentFrequency.get(term) ?? 0) > this.#maxShare * this.#documents.length) continue;
        matchedTerms++;
        const normalizer = this.#k1 * (1 - this.#b + (this.#b * document.length) / this.#averageLength);
        score += (this.#idf(term) * (frequency * (this.#k1 + 1))) / (frequency + normalizer);
      }
      return { id: document.id, score, matchedTerms };
    });
    return hits.sort((left, right) => right.score - left.score || left.id.localeCompare(right.id));
  }
}
