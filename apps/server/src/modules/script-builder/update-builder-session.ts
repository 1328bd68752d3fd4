import { scriptFilename } from '@flowpilot/assistant/offline/script-composer';
import type { TScriptBuilderSessionPatch } from '@flowpilot/contracts/script-builder';
import type { AppContext } from '../../app-context.ts';
import type { Caller } from '../../http/request-auth.ts';
import {
  lockOwnedBuilderSession,
  toBuilderSessionDto,
  updateBuilderSession,
  type BuilderSessionChanges,
} from './script-builder.repository.ts';

const extensions = { powershell: '.ps1', bash: '.sh', python: '.py' } as const;

/** "Write it myself" edits: the script, its file name, the title or the language. */
export async function updateBuilderSessionFields(
  ctx: AppContext,
  caller: Caller,
  id: string,
  patch: TScriptBuilderSessionPatch,
) {
  const row = await ctx.database.db.transaction(async (tx) => {
    const current = await lockOwnedBuilderSession(tx, caller, id);
    const changes: BuilderSessionChanges = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.language !== undefined) changes.language = patch.language;
    if (patch.latest_script !== undefined) changes.latestScript = patch.latest_script || null;
    if (patch.latest_script_filename !== undefined)
      changes.latestScriptFilename = patch.latest_script_filename;

    const language = changes.language ?? current.language;
    const filename =
      changes.latestScriptFilename !== undefined
        ? changes.latestScriptFilename
        : current.latestScriptFilename;
    const script = changes.latestScript !== undefined ? changes.latestScript : current.latestScript;
    if (script && !filename) {
      changes.latestScriptFilename = scriptFilename(changes.title ?? current.title ?? '', language);
    } else if (filename && patch.language !== undefined && patch.latest_script_filename === undefined) {
      // Switching language keeps the name and swaps a known extension: Fix-Thing.ps1 → Fix-Thing.sh.
      const known = Object.values(extensions).find((ext) => filename.toLowerCase().endsWith(ext));
      if (known) changes.latestScriptFilename = filename.slice(0, -known.length) + extensions[language];
    }
    return updateBuilderSession(tx, current.id, changes);
  });
  return toBuilderSessionDto(row);
}
