import { z } from 'zod';
import adAccountLockout from '../../playbooks/ad-account-lockout.json' with { type: 'json' };
import bitlockerRecovery from '../../playbooks/bitlocker-recovery.json' with { type: 'json' };
import certificateExpired from '../../playbooks/certificate-expired.json' with { type: 'json' };
import dhcpNoIpAddress from '../../playbooks/dhcp-no-ip-address.json' with { type: 'json' };
import diskFullLinux from '../../playbooks/disk-full-linux.json' with { type: 'json' };
import diskFullWindows from '../../playbooks/disk-full-windows.json' with { type: 'json' };
import dnsResolutionFailure from '../../playbooks/dns-resolution-failure.json' with { type: 'json' };
import emailGoingToSpam from '../../playbooks/email-going-to-spam.json' with { type: 'json' };
import fileShareAccessDenied from '../../playbooks/file-share-access-denied.json' with { type: 'json' };
import mappedDrivesMissing from '../../playbooks/mapped-drives-missing.json' with { type: 'json' };
import mfaPromptsFailing from '../../playbooks/mfa-prompts-failing.json' with { type: 'json' };
import microphoneNotWorking from '../../playbooks/microphone-not-working.json' with { type: 'json' };
import officeActivationUnlicensed from '../../playbooks/office-activation-unlicensed.json' with { type: 'json' };
import onedriveSyncStuck from '../../playbooks/onedrive-sync-stuck.json' with { type: 'json' };
import outlookPasswordPrompts from '../../playbooks/outlook-password-prompts.json' with { type: 'json' };
import outlookProfileCorrupt from '../../playbooks/outlook-profile-corrupt.json' with { type: 'json' };
import printSpoolerStuck from '../../playbooks/print-spooler-stuck.json' with { type: 'json' };
import printerOffline from '../../playbooks/printer-offline.json' with { type: 'json' };
import rdpCannotConnect from '../../playbooks/rdp-cannot-connect.json' with { type: 'json' };
import scanToEmailFailing from '../../playbooks/scan-to-email-failing.json' with { type: 'json' };
import sharedMailboxMissing from '../../playbooks/shared-mailbox-missing.json' with { type: 'json' };
import slowLogon from '../../playbooks/slow-logon.json' with { type: 'json' };
import sshPublickeyDenied from '../../playbooks/ssh-publickey-denied.json' with { type: 'json' };
import teamsCacheIssues from '../../playbooks/teams-cache-issues.json' with { type: 'json' };
import timeSyncDrift from '../../playbooks/time-sync-drift.json' with { type: 'json' };
import trustRelationshipFailed from '../../playbooks/trust-relationship-failed.json' with { type: 'json' };
import vpnWontConnect from '../../playbooks/vpn-wont-connect.json' with { type: 'json' };
import wifiDrops from '../../playbooks/wifi-drops.json' with { type: 'json' };
import windowsUpdateFailing from '../../playbooks/windows-update-failing.json' with { type: 'json' };
import { templatePlaceholders, ZPlaybook, type Playbook } from './playbook-schema.ts';

/**
 * The offline engine's playbook pack. Static JSON imports (not a directory scan) so a
 * bundler includes every playbook and a missing file fails the build, not a session.
 * To add a playbook, drop `playbooks/<slug>.json` in place and list it here.
 */
const rawPlaybooks: readonly unknown[] = [
  adAccountLockout,
  bitlockerRecovery,
  certificateExpired,
  dhcpNoIpAddress,
  diskFullLinux,
  diskFullWindows,
  dnsResolutionFailure,
  emailGoingToSpam,
  fileShareAccessDenied,
  mappedDrivesMissing,
  mfaPromptsFailing,
  microphoneNotWorking,
  officeActivationUnlicensed,
  onedriveSyncStuck,
  outlookPasswordPrompts,
  outlookProfileCorrupt,
  printSpoolerStuck,
  printerOffline,
  rdpCannotConnect,
  scanToEmailFailing,
  sharedMailboxMissing,
  slowLogon,
  sshPublickeyDenied,
  teamsCacheIssues,
  timeSyncDrift,
  trustRelationshipFailed,
  vpnWontConnect,
  wifiDrops,
  windowsUpdateFailing,
];

let cached: readonly Playbook[] | undefined;

/** Parses and checks the pack once; throws listing every problem if it is invalid. */
export function loadPlaybookPack(): readonly Playbook[] {
  cached ??= validatePlaybookPack(rawPlaybooks);
  return cached;
}

export function validatePlaybookPack(raw: readonly unknown[]): readonly Playbook[] {
  const problems: string[] = [];
  const playbooks: Playbook[] = [];
  raw.forEach((entry, index) => {
    const parsed = ZPlaybook.safeParse(entry);
    if (!parsed.success) {
      const slug = (entry as { slug?: unknown } | null)?.slug;
      problems.push(`playbook #${index} (${String(slug)}): ${z.prettifyError(parsed.error)}`);
      return;
    }
    problems.push(...crossFieldProblems(parsed.data));
    playbooks.push(parsed.data);
  });
  const uniqueness: [string, string[]][] = [
    ['playbook slug', playbooks.map((playbook) => playbook.slug)],
    ['template slug', playbooks.map((playbook) => playbook.template.slug)],
  ];
  for (const [label, values] of uniqueness) {
    for (const value of duplicatesOf(values)) problems.push(`duplicate ${label}: ${value}`);
  }
  if (problems.length > 0) throw new Error(`Invalid playbook pack:\n- ${problems.join('\n- ')}`);
  return Object.freeze(playbooks);
}

function duplicatesOf(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function crossFieldProblems(playbook: Playbook): string[] {
  const problems: string[] = [];
  const where = `playbook ${playbook.slug}`;
  for (const id of duplicatesOf(playbook.questions.map((question) => question.id)))
    problems.push(`${where}: duplicate question id ${id}`);
  for (const id of duplicatesOf(playbook.checks.map((check) => check.id)))
    problems.push(`${where}: duplicate check id ${id}`);

  const { body, parameters_schema: parameters } = playbook.template;
  const declared = parameters.map((parameter) => parameter.name);
  const used = templatePlaceholders(body);
  for (const name of used)
    if (!declared.includes(name))
      problems.push(`${where}: placeholder {{${name}}} has no declared parameter`);
  for (const name of declared)
    if (!used.includes(name)) problems.push(`${where}: parameter ${name} is never used in the body`);
  for (const name of duplicatesOf(declared)) problems.push(`${where}: duplicate parameter ${name}`);
  // Rendering emits each value as a complete quoted literal; a placeholder inside quotes would be quoted twice.
  for (const match of body.matchAll(/["']\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)) {
    problems.push(`${where}: placeholder {{${match[1]}}} must be bare, not inside quotes`);
  }
  for (const parameter of parameters) {
    if (parameter.type === 'enum' && !parameter.options?.length)
      problems.push(`${where}: enum parameter ${parameter.name} has no options`);
    if (parameter.type === 'secret' && !parameter.sensitive)
      problems.push(`${where}: secret parameter ${parameter.name} must be sensitive`);
    if (
      parameter.default != null &&
      parameter.type === 'enum' &&
      !parameter.options?.includes(String(parameter.default))
    ) {
      problems.push(`${where}: default of ${parameter.name} is not one of its options`);
    }
  }
  return problems;
}
