/**
 * Reads back the markers the engine wrote in earlier assistant messages. The engine is
 * stateless: everything it knows about a session (questions asked, checks proposed, facts
 * promoted, fixes suggested) is recovered from the transcript it is given.
 * Deliberately lenient: a block that does not parse is ignored, like the real parser does.
 */

export interface OwnMarkers {
  questions: { id: string; text?: string; state?: string; answer?: string }[];
  actions: { id: string }[];
  promoted: string[];
  /** Each `[SUGGEST_FIX]` in order: its template (when linked) and its title. */
  suggestedFixes: { templateId?: string | undefined; title?: string | undefined }[];
}

const blockPattern = /\[(QUESTIONS|ACTIONS|PROMOTE|SUGGEST_FIX)\]([\s\S]*?)\[\/\1\]/g;

export function readOwnMarkers(text: string): OwnMarkers {
  const result: OwnMarkers = { questions: [], actions: [], promoted: [], suggestedFixes: [] };
  for (const [, name, payload] of text.matchAll(blockPattern)) {
    let value: unknown;
    try {
      value = JSON.parse(payload ?? '');
    } catch {
      continue;
    }
    const list = Array.isArray(value) ? value : [value];
    switch (name) {
      case 'QUESTIONS':
        for (const item of list)
          if (isObject(item) && typeof item.id === 'string')
            result.questions.push(item as OwnMarkers['questions'][number]);
        break;
      case 'ACTIONS':
        for (const item of list)
          if (isObject(item) && typeof item.id === 'string') result.actions.push({ id: item.id });
        break;
      case 'PROMOTE':
        for (const item of list) {
          if (typeof item === 'string') result.promoted.push(item);
          else if (isObject(item) && typeof item.text === 'string') result.promoted.push(item.text);
        }
        break;
      case 'SUGGEST_FIX':
        if (isObject(value))
          result.suggestedFixes.push({
            templateId: typeof value.script_template_id === 'string' ? value.script_template_id : undefined,
            title: typeof value.title === 'string' ? value.title : undefined,
          });
        break;
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
