import { answerFromPhrases, clip, openingPolarity } from './answer-interpreter.ts';
import { findPhrase, phraseStems, sentences, type Sentence } from './language.ts';
import { outputSignals, splitPastedOutput, textSignals, type Signal } from './pasted-output.ts';
import { unfenceScreenshotText } from './screenshot-text.ts';
import type { OperatingSystem, PlaybookAnswer, PlaybookQuestion } from '@flowpilot/core/playbook';

/**
 * Everything the engineer has written, read once per turn: their prose (sentence by
 * sentence, with negation), signals from pasted output and error codes, the environment
 * (system, cloud or on-premises, scope) and what is known about the machine.
 */

export interface MachineContext {
  assetName?: string;
  clientName?: string;
  ticketRef?: string;
}

export interface UserText {
  /** Position among the engineer's messages; 0 is the intake. */
  index: number;
  prose: string;
  output: string[];
  sentences: Sentence[];
}

export interface SessionEvidence {
  texts: UserText[];
  signals: Map<string, Signal>;
  /** Text for ranked retrieval: prose plus the message lines of pasted output. */
  retrievalText: string;
  os?: OperatingSystem;
  machine: MachineContext;
}

const intakeField = /^\*\*(Ticket|Client|Asset):\*\*\s{0,4}(.{1,200})$/;

/** The intake as the server writes it (intake-text.ts): `**Asset:** X` lines, then text and logs. */
export function readIntakeFields(text: string): { machine: MachineContext; body: string } {
  const machine: MachineContext = {};
  const body: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const field = intakeField.exec(line.trim());
    if (field) {
      const value = (field[2] ?? '').trim();
      if (field[1] === 'Asset') machine.assetName = value;
      else if (field[1] === 'Client') machine.clientName = value;
      else machine.ticketRef = value;
      continue;
    }
    if (line.trim() === '**Logs:**') continue;
    body.push(line);
  }
  return { machine, body: body.join('\n') };
}

const osWords: [OperatingSystem, string[]][] = [
  [
    'windows',
    [
      'windows',
      'win10',
      'win11',
      'win 10',
      'win 11',
      'powershell',
      'gpo',
      'group policy',
      'event viewer',
      'active directory',
      'regedit',
      'outlook',
      'domain joined',
      'surface',
    ],
  ],
  [
    'macos',
    [
      'macos',
      'mac os',
      'macbook',
      'imac',
      'os x',
      'osx',
      'my mac',
      'the mac',
      'a mac',
      'mac finder',
      'in finder',
      'keychain',
      'sonoma',
      'ventura',
      'monterey',
      'sequoia',
    ],
  ],
  [
    'linux',
    [
      'linux',
      'ubuntu',
      'debian',
      'centos',
      'rhel',
      'red hat',
      'fedora',
      'systemd',
      'systemctl',
      'journalctl',
      'apt-get',
      'yum',
      'ssh into',
      'the vps',
      'rocky linux',
      'almalinux',
    ],
  ],
];
const compiledOsWords = osWords.map(([os, words]) => [os, words.map(phraseStems)] as const);

/** Approved-verb cmdlets engineers paste most; linear (no nested quantifiers), bounded length. */
const POWERSHELL_CMDLET =
  /\b(?:Get|Set|New|Remove|Start|Stop|Restart|Test|Invoke|Enable|Disable|Clear|Reset|Unlock|Add)-(?:AD|Mg|Mailbox|Net|Service|Printer|Print|Child|Item|Event|WinEvent|Process|Computer|Bitlocker|Volume|Disk|Dns|Appx|Mpp|Local|Smb|Vpn|Win|Intune|Azure|Exchange)[A-Za-z]{0,30}\b/;

function detectOs(texts: UserText[]): OperatingSystem | undefined {
  const votes = new Map<OperatingSystem, number>();
  for (const text of texts) {
    for (const sentence of text.sentences) {
      for (const [os, phrases] of compiledOsWords) {
        for (const stems of phrases) {
          const hit = findPhrase(sentence.words, stems);
          if (hit && !hit.negated)
            votes.set(os, (votes.get(os) ?? 0) + (os === 'windows' && stems[0] === 'outlook' ? 0.5 : 1));
        }
      }
    }
    // A PowerShell cmdlet typed or pasted ("Get-Service Spooler") says Windows as clearly as a prompt.
    if ([text.prose, ...text.output].some((part) => POWERSHELL_CMDLET.test(part)))
      votes.set('windows', (votes.get('windows') ?? 0) + 2);
    for (const block of text.output) {
      if (/^PS [A-Za-z]:\\|^[A-Za-z]:\\/m.test(block)) votes.set('windows', (votes.get('windows') ?? 0) + 2);
      if (/^[\w.-]{1,64}@[\w.-]{1,64}:|^\s{0,4}Active: /m.test(block))
        votes.set('linux', (votes.get('linux') ?? 0) + 2);
    }
  }
  let best: OperatingSystem | undefined;
  let bestVotes = 0;
  for (const [os, count] of votes) {
    if (count > bestVotes) {
      best = os;
      bestVotes = count;
    }
  }
  return best;
}

/** Scope and hosting, as signal ids playbooks can weigh: `scope:one-user`, `scope:many-users`, `hosting:cloud`. */
const environmentPhrases: [string, string[]][] = [
  [
    'scope:one-user',
    [
      'only me',
      'just me',
      'only this user',
      'only one user',
      'just one user',
      'just this user',
      'only her',
      'only him',
      'just her',
      'just him',
      'single user',
      'only affects her',
      'only affects him',
      'only affects one',
    ],
  ],
  [
    'scope:one-device',
    [
      'only this laptop',
      'only the laptop',
      'only on the laptop',
      'only this pc',
      'only this computer',
      'only one pc',
      'only one computer',
      'only one machine',
      'just this laptop',
      'just this pc',
      'just the laptop',
      'only on this machine',
      'only on her laptop',
      'only on his laptop',
      'single pc',
      'one machine only',
      'other machines are fine',
      'other pcs are fine',
      'works on other pcs',
      'works on other computers',
    ],
  ],
  [
    'scope:many-users',
    [
      'everyone',
      'everybody',
      'all users',
      'all staff',
      'whole office',
      'entire office',
      'whole floor',
      'whole team',
      'entire team',
      'several users',
      'multiple users',
      'many users',
      'nobody can',
      'no one can',
      'all of us',
      'the whole company',
      'company wide',
      'company-wide',
      'office wide',
      'across the office',
      'users on the 2nd floor',
      'all the users',
      'lots of users',
      'a few users',
      'several people',
      'multiple people',
      'other users too',
      'others too',
      'more than one user',
      'anyone who',
      'anybody who',
      'people who',
      'whole site',
      'whole building',
      'half the office',
    ],
  ],
  [
    'hosting:cloud',
    [
      'microsoft365',
      'exchange online',
      'entra',
      'intune',
      'sharepoint online',
      'azure',
      'autopilot',
      'teams admin',
      'google workspace',
    ],
  ],
  [
    'hosting:on-prem',
    [
      'domain controller',
      'on-prem',
      'on prem',
      'onprem',
      'on premises',
      'exchange server',
      'file server',
      'print server',
      'local server',
      'active directory',
    ],
  ],
];
const compiledEnvironment = environmentPhrases.map(
  ([id, phrases]) => [id, phrases.map(phraseStems)] as const,
);

function environmentSignals(texts: UserText[], signals: Map<string, Signal>) {
  for (const text of texts) {
    for (const sentence of text.sentences) {
      const found = new Map<string, boolean>();
      for (const [id, phrases] of compiledEnvironment) {
        for (const stems of phrases) {
          const hit = findPhrase(sentence.words, stems);
          if (!hit) continue;
          found.set(id, hit.negated);
          break;
        }
      }
      const narrow = [...found].some(([id, negated]) => id.startsWith('scope:one') && !negated);
      for (const [id, negated] of found) {
        // "not only me" / "not just this laptop" widens the scope; "not everyone" is still
        // several people unless the sentence narrows it ("not everyone, only her").
        const resolved =
          negated && id.startsWith('scope:one')
            ? 'scope:many-users'
            : negated && id === 'scope:many-users' && !narrow
              ? id
              : negated
                ? undefined
                : id;
        if (resolved && !signals.has(resolved))
          signals.set(resolved, { id: resolved, label: clip(sentence.text, 120) });
      }
    }
  }
}

/** Message lines of output (event descriptions, error text) carry words worth ranking on. */
function outputMessageLines(block: string): string[] {
  return block
    .split(/\r?\n/)
    .map((line) => {
      const at = line.indexOf(' : ');
      return at > 0 ? line.slice(at + 3) : line;
    })
    .filter((line) => {
      const words = line.trim().split(/\s+/);
      return words.length >= 4 && words.filter((word) => /^[A-Za-z'.,]+$/.test(word)).length >= 3;
    });
}

/** A message that takes back what was said before it ("scratch that", "ignore my last message"). */
const retraction =
  /^\W{0,3}(?:ok(?:ay)?,?\s+)?(?:scratch that|ignore (?:that|what i said|my last (?:message|reply))|disregard (?:that|my last (?:message|reply)|the above)|correction\b|wrong (?:ticket|user|machine), (?:it'?s|this is)|my mistake,|sorry,? (?:wrong|my mistake|i was wrong))/i;

export function readSessionEvidence(
  userMessages: readonly string[],
  context: MachineContext = {},
): SessionEvidence {
  const machine: MachineContext = { ...context };
  const texts: UserText[] = userMessages.map((raw, index) => {
    let content = unfenceScreenshotText(raw);
    if (index === 0) {
      const intake = readIntakeFields(content);
      machine.assetName ??= intake.machine.assetName;
      machine.clientName ??= intake.machine.clientName;
      machine.ticketRef ??= intake.machine.ticketRef;
      content = intake.body;
    }
    const split = splitPastedOutput(content);
    return { index, prose: split.prose, output: split.output, sentences: sentences(split.prose) };
  });
  // "Scratch that, …": what the engineer wrote before a retraction is no longer evidence.
  const retracted = texts.findLastIndex((text) => text.index > 0 && retraction.test(text.prose));
  for (const text of texts.slice(0, Math.max(0, retracted)))
    Object.assign(text, { prose: '', output: [], sentences: [] });
  const signals = new Map<string, Signal>();
  for (const text of texts) {
    textSignals(text.prose, signals);
    for (const block of text.output) outputSignals(block, signals);
  }
  environmentSignals(texts, signals);
  const os = detectOs(texts);
  if (os) signals.set(`os:${os}`, { id: `os:${os}`, label: `Runs ${os}` });
  const retrievalText = [
    ...texts.map((text) => text.prose),
    ...texts.flatMap((text) => text.output.flatMap(outputMessageLines)),
  ].join('\n');
  return { texts, signals, retrievalText, ...(os ? { os } : {}), machine };
}

const hedges = new WeakMap<Sentence, boolean>();
/** Read once per sentence: this runs for every question of every playbook. */
function isHedge(sentence: Sentence): boolean {
  let hedge = hedges.get(sentence);
  if (hedge === undefined) {
    const stance = openingPolarity(sentence.words);
    hedge = stance === 'unsure' || stance === 'unchecked';
    hedges.set(sentence, hedge);
  }
  return hedge;
}

export interface TextAnswer {
  answer: PlaybookAnswer;
  /** The engineer's sentence, or the output signal, that answered it. */
  quote: string;
  fromOutput: boolean;
}

/**
 * A question the engineer has already answered without being asked: an answer's specific
 * phrase in any sentence they wrote (two words or more — one word is too weak unasked), or
 * a signal from pasted output that the answer declares.
 */
export function answerFromEvidence(
  question: PlaybookQuestion,
  evidence: SessionEvidence,
): TextAnswer | undefined {
  for (const answer of question.answers) {
    for (const id of answer.signals ?? []) {
      const signal = evidence.signals.get(id);
      if (!signal) continue;
      // Scope, hosting and system come from the engineer's sentences, not from output.
      if (/^(?:scope|hosting|os):/.test(id)) return { answer, quote: signal.label, fromOutput: false };
      return { answer, quote: `pasted output: ${signal.label}`, fromOutput: true };
    }
  }
  let best: { found: TextAnswer; strength: number } | undefined;
  for (const text of evidence.texts) {
    for (const sentence of text.sentences) {
      // "not sure" answered some other question; unasked, a hedge answers nothing.
      if (isHedge(sentence)) continue;
      const found = answerFromPhrases(question, sentence.words);
      if (!found || found.strength < 2 || (best && best.strength >= found.strength)) continue;
      best = {
        found: { answer: found.answer, quote: clip(sentence.text, 200), fromOutput: false },
        strength: found.strength,
      };
    }
  }
  return best?.found;
}
