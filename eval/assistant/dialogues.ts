import type { Ticket } from './simulate.ts';

/**
 * Scripted dialogues: an engineer's real turns (negations, scope, pasted output, banner-style
 * outcomes) and what a good assistant must do after each. Question keys are the task-lane ids
 * the engine uses (`<playbook>.<question>`).
 */
export interface Expectation {
  /** The active fix after this reply is this playbook's (proposed now or earlier). */
  fix?: string;
  /** No new fix in this reply. */
  noFix?: boolean;
  /** These questions are open (asked) after this reply. */
  asks?: string[];
  /** None of these questions is asked (open) in this reply. */
  notAsks?: string[];
  /** Task-lane state of questions after this reply. */
  lane?: Record<string, 'answered' | 'skipped'>;
  /** Substrings that must appear in "What we know" (cumulative). */
  facts?: string[];
  /** Substrings that must not appear in "What we know". */
  noFacts?: string[];
  prose?: RegExp;
  noProse?: RegExp;
  /** Outcome proposed for the active fix in this reply (null: none). */
  outcome?: string | null;
  /** No task-lane answer may match this (e.g. pasted output copied verbatim). */
  laneAnswersNot?: RegExp;
  /** The first N questions the previous reply numbered are now answered. */
  answeredFromBatch?: number;
  /** The first N questions the previous reply numbered are now skipped (not checked). */
  skippedFromBatch?: number;
  /** The session's confidence after this reply is at most this (0–1). */
  maxConfidence?: number;
}

export interface Dialogue {
  name: string;
  ticket: Ticket;
  /** What the first reply (to the intake) must do. */
  first: Expectation;
  turns: { say: string; expect: Expectation }[];
}

/** A dialogue's ticket: no expected playbook of its own (each turn says what it expects). */
export const t = (id: string, text: string, extra: Partial<Ticket> = {}): Ticket => ({
  id,
  text,
  expect: null,
  ...extra,
});

export const dialogues: Dialogue[] = [
  {
    name: 'pasted spooler output is read as signals, never filed as answers',
    ticket: t(
      'd01',
      'Reception PC will not print, jobs stay in the queue. Other users can print to the same printer.',
    ),
    first: {
      notAsks: ['print-spooler-stuck.others-can-print'],
      lane: { 'print-spooler-stuck.others-can-print': 'answered' },
    },
    turns: [
      {
        say: 'PS C:\\> Get-Service Spooler; Get-ChildItem "$env:SystemRoot\\System32\\spool\\PRINTERS" | Measure-Object\n\nStatus   Name               DisplayName\n------   ----               -----------\nStopped  Spooler            Print Spooler\n\nCount    : 14\nAverage  :\nSum      :',
        expect: {
          fix: 'print-spooler-stuck',
          laneAnswersNot: /Get-Service|Status\s+Name|Count\s+:/,
          noFacts: ['Get-Service', 'Count    :'],
        },
      },
    ],
  },
  {
    name: '"only the laptop" is scope, and "no, not locked" rules the lockout out',
    ticket: t('d02', 'User says her account keeps locking, she changed her password on Friday'),
    first: {
      notAsks: ['ad-account-lockout.recent-change'],
      lane: { 'ad-account-lockout.recent-change': 'answered' },
    },
    turns: [
      {
        say: 'only the laptop, she has no phone mail set up',
        expect: { noFacts: ['other devices/sessions that may hold the old password'] },
      },
      {
        say: "no, it's not locked — the account shows LockedOut False, she just gets password incorrect",
        expect: { noFix: true, noProse: /still my best match/ },
      },
    ],
  },
  {
    name: 'a question the intake answers is never asked',
    ticket: t(
      'd03',
      'Outlook keeps prompting for a password since the password was reset on Friday. OWA works fine.',
    ),
    first: { notAsks: ['outlook-password-prompts.password-change', 'outlook-password-prompts.owa-works'] },
    turns: [{ say: 'just tell me the fix', expect: { fix: 'outlook-password-prompts' } }],
  },
  {
    name: 'an unknown ticket gets an honest "I don\'t know", never a fix',
    ticket: t('d04', 'QuickBooks H202 error when switching to multi-user mode'),
    first: { noFix: true, prose: /don't know this one/i, noProse: /trust relationship/i },
    turns: [
      {
        say: 'it started monday, only on the accounts PC, Windows 11, no error code other than H202',
        expect: { noFix: true, prose: /escalate|connected model/i },
      },
      { say: "what's the fix?", expect: { noFix: true } },
    ],
  },
  {
    name: 'a vague "computer is slow" asks before it acts',
    ticket: t('d05', 'the computer is slow'),
    first: { noFix: true, noProse: /licen[cs]/i },
    turns: [
      { say: 'yes task manager shows disk at 100% all the time', expect: { facts: ['pinned near 100%'] } },
      { say: 'whats the fix', expect: { fix: 'slow-pc-high-disk' } },
    ],
  },
  {
    name: 'the machine named in the intake is used in commands',
    ticket: t('d06', 'Trust relationship between this workstation and the primary domain failed at logon', {
      asset: 'OFFICE-WS03',
    }),
    first: { fix: 'trust-relationship-failed', prose: /OFFICE-WS03/, noProse: /PC01/ },
    turns: [],
  },
  {
    name: 'Windows intake gets no Linux questions',
    ticket: t('d07', 'Windows 11 laptop: C: drive is full, low disk space warning, user cannot save files'),
    first: {
      notAsks: ['disk-full-linux.linux', 'disk-full-linux.df-full', 'disk-full-linux.docker'],
      noProse: /df -h|journalctl/,
    },
    turns: [],
  },
  {
    name: 'a dismissed fix is not a failed fix',
    ticket: t('d08', 'Outlook keeps asking for the password, OWA works'),
    first: {},
    turns: [
      { say: 'just give me the fix', expect: { fix: 'outlook-password-prompts' } },
      {
        say: "I'm not going to run that, dismiss it",
        expect: { outcome: null, noProse: /didn't fix it|didn't work/i },
      },
    ],
  },
  {
    name: 'after a failed Outlook fix the next lead stays in email',
    ticket: t('d09', 'Outlook keeps prompting for credentials and wont stop'),
    first: {},
    turns: [
      { say: "what's the fix?", expect: { fix: 'outlook-password-prompts' } },
      {
        say: "didn't work, still prompting",
        expect: { outcome: 'applied_failed', prose: /Email & Outlook|rules out/i, noProse: /Teams/ },
      },
    ],
  },
  {
    name: 'never out of leads while a candidate has support',
    ticket: t('d10', 'print jobs stuck in the queue on one PC'),
    first: {},
    turns: [
      { say: 'not sure\nnot sure\nnot sure', expect: { noProse: /run out|nothing left/i } },
      { say: 'no idea', expect: { noProse: /run out|nothing left/i } },
      { say: 'what should i do', expect: { fix: 'print-spooler-stuck' } },
    ],
  },
  {
    name: '"1 yes, 2 no" answers by number',
    ticket: t('d11', 'printing problem on the 2nd floor'),
    first: { noFix: true },
    turns: [{ say: '1 yes, 2 no', expect: { answeredFromBatch: 2 } }],
  },
  {
    name: '"yes to both" answers the whole batch',
    ticket: t('d12', 'wifi issue on a laptop'),
    first: {},
    turns: [{ say: 'yes to all', expect: { answeredFromBatch: 3 } }],
  },
  {
    name: 'pasted ipconfig with APIPA points at DHCP, not DNS',
    ticket: t(
      'd13',
      'no internet on this desk\n\nEthernet adapter Ethernet:\n   Autoconfiguration IPv4 Address. . : 169.254.20.4\n   Subnet Mask . . . . . . . . . . . : 255.255.0.0\n   Default Gateway . . . . . . . . . :',
    ),
    first: { noProse: /DNS resolution/ },
    turns: [
      { say: 'only this pc, the others on the switch are fine', expect: { fix: 'dhcp-no-ip-address' } },
    ],
  },
  {
    name: '"everyone on the 2nd floor" is the scope of a DHCP scope problem',
    ticket: t('d14', 'Everyone on the 2nd floor gets 169.254 addresses since this morning'),
    first: {},
    turns: [
      { say: 'yes the DHCP console shows the scope 100% in use', expect: { fix: 'dhcp-scope-exhausted' } },
    ],
  },
  {
    name: 'negated symptom: "no longer" a crash, still slow',
    ticket: t(
      'd15',
      'Excel no longer crashes after the reboot but the PC is still really slow, task manager shows 100% disk',
    ),
    first: {},
    turns: [{ say: 'just tell me', expect: { fix: 'slow-pc-high-disk' } }],
  },
  {
    name: 'free text answers a question without naming it',
    ticket: t('d16', 'Print jobs stuck in the queue, cannot delete them'),
    first: {},
    turns: [
      {
        say: 'the spooler service keeps stopping on its own, I restarted it twice',
        expect: {
          lane: { 'print-spooler-stuck.spooler-stops': 'answered' },
          facts: ['Print Spooler service stops'],
        },
      },
    ],
  },
  {
    name: 'a worked fix ends with the root cause',
    ticket: t('d17', 'OneDrive stuck on processing changes for two days'),
    first: {},
    turns: [
      { say: "what's the fix", expect: { fix: 'onedrive-sync-stuck' } },
      { say: 'that worked, syncing again', expect: { outcome: 'applied_success', prose: /Root cause/ } },
    ],
  },
  {
    name: 'pasted systemctl output on a Linux box',
    ticket: t(
      'd18',
      'root@web01:~# systemctl status nginx\n● nginx.service - A high performance web server\n   Loaded: loaded (/lib/systemd/system/nginx.service; enabled)\n   Active: failed (Result: exit-code) since Tue 2026-11-24 09:12:01 UTC\n\nwebsite down',
    ),
    first: { fix: 'linux-service-failed' },
    turns: [],
  },
  {
    name: 'a non-IT request stays unfamiliar through follow-ups',
    ticket: t('d19', 'The coffee machine on the 3rd floor is leaking again'),
    first: { noFix: true, prose: /don't know this one/i },
    turns: [{ say: 'it just leaks water everywhere, facilities said ask IT', expect: { noFix: true } }],
  },
  {
    name: 'a partial fix is not a success',
    ticket: t('d20', 'Mapped drives missing after login, S: and H: have a red X'),
    first: {},
    turns: [
      { say: 'what should I try', expect: { fix: 'mapped-drives-missing' } },
      { say: 'partially — S: is back but H: still missing', expect: { outcome: 'applied_partial' } },
    ],
  },
  {
    name: 'unsure answers are recorded as not checked, and do not count as no',
    ticket: t('d21', 'outlook problem for one user'),
    first: {},
    turns: [{ say: "not sure, haven't checked", expect: { skippedFromBatch: 1 } }],
  },
  {
    name: 'error code in a pasted event names the problem',
    ticket: t(
      'd22',
      'Log Name:      System\nSource:        Microsoft-Windows-GroupPolicy\nEvent ID:      1058\nLevel:         Error\nDescription:\nThe processing of Group Policy failed. Windows attempted to read the file gpt.ini from a domain controller and was not successful.',
    ),
    first: {},
    turns: [{ say: 'just tell me the fix', expect: { fix: 'group-policy-not-applying' } }],
  },
  // Held-out style (issue 13 follow-up): what a user who never read the playbooks writes.
  {
    name: 'an ordinary word the playbooks never use ("reception") keeps a printing ticket in Printing',
    ticket: t('d31', 'Cannot print from the reception PC'),
    first: { noFix: true, noProse: /don't know this one/i, prose: /Printing/ },
    turns: [],
  },
  {
    name: 'a product the playbooks do not know, named in a familiar-sounding ticket, stays unknown',
    ticket: t('d32', 'Sage 50 says the data path cannot be found'),
    first: { noFix: true, prose: /don't know this one/i },
    turns: [],
  },
  {
    name: 'a vague printing intake asks what separates spooler, driver and network printer',
    ticket: t('d23', 'Cannot print'),
    first: {
      noFix: true,
      noProse: /don't know this one/i,
      prose: /Printing/,
      asks: ['print-spooler-stuck.jobs-stuck', 'printer-driver-problem.garbled-output'],
      maxConfidence: 0.3,
    },
    turns: [
      {
        say: '1. yes, three jobs sitting there with Error\n2. no, nothing comes out at all\n3. yes it pings',
        expect: { answeredFromBatch: 3 },
      },
    ],
  },
  {
    name: 'a vague Outlook sign-in intake stays in Outlook, not "I don\'t know"',
    ticket: t('d24', 'Sign-in box keeps popping up for one user'),
    first: { noFix: true, noProse: /don't know this one/i, asks: ['outlook-password-prompts.prompt-loop'] },
    turns: [],
  },
  {
    name: '"Outlook is acting up" asks about the Outlook problems it could be',
    ticket: t('d25', 'Outlook is acting up for one user'),
    first: { noFix: true, noProse: /don't know this one/i, prose: /Outlook/, maxConfidence: 0.3 },
    turns: [],
  },
  {
    name: 'numbered answers to the checklist map to their numbers; the rest stay open',
    ticket: t('d26', 'our Sage 50 company file will not open for one of the bookkeepers'),
    first: { noFix: true, prose: /don't know this one/i },
    turns: [
      {
        say: '1. no error code, it just asks for the password again even though it is correct\n2. one user, her laptop\n3. since her password change on Monday',
        expect: {
          lane: {
            'general.exact-error': 'answered',
            'general.scope': 'answered',
            'general.started': 'answered',
          },
          asks: ['general.environment'],
          noFix: true,
        },
      },
    ],
  },
  {
    name: 'a free-text reply to the checklist answers only what it speaks to',
    ticket: t('d27', 'the reception PC is misbehaving'),
    first: { noFix: true, prose: /don't know this one/i },
    turns: [
      {
        say: 'Jobs stay stuck in the queue on one PC; other users can print fine',
        expect: {
          lane: { 'general.scope': 'answered' },
          asks: ['general.exact-error', 'general.started', 'general.environment'],
          // Two described facts point at the spooler; nothing was checked yet, so not 100%.
          maxConfidence: 0.85,
        },
      },
    ],
  },
  {
    name: 'one sentence is evidence, not certainty',
    ticket: t(
      'd28',
      "Tom's domain account gets locked every hour or so, I unlock it in ADUC and it happens again",
    ),
    first: { maxConfidence: 0.85 },
    turns: [],
  },
  {
    name: 'one free-text reply does not jump to certainty',
    ticket: t('d29', 'the reception PC is misbehaving'),
    first: { noFix: true },
    turns: [
      {
        say: 'it just asks for the password again even though it is correct, since her password change on Monday',
        expect: { maxConfidence: 0.85 },
      },
    ],
  },
  {
    name: 'an exact error code still proposes at once',
    ticket: t('d30', 'Windows Update keeps failing on the finance laptop with 0x800f0922'),
    first: { fix: 'windows-update-failing' },
    turns: [],
  },
];
