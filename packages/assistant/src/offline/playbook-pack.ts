import { z } from 'zod';
import adAccountLockout from '../../playbooks/ad-account-lockout.json' with { type: 'json' };
import audioNoSound from '../../playbooks/audio-no-sound.json' with { type: 'json' };
import backupJobFailed from '../../playbooks/backup-job-failed.json' with { type: 'json' };
import bitlockerRecovery from '../../playbooks/bitlocker-recovery.json' with { type: 'json' };
import browserSiteIssues from '../../playbooks/browser-site-issues.json' with { type: 'json' };
import calendarDelegation from '../../playbooks/calendar-delegation.json' with { type: 'json' };
import certificateExpired from '../../playbooks/certificate-expired.json' with { type: 'json' };
import defenderQuarantine from '../../playbooks/defender-quarantine.json' with { type: 'json' };
import dhcpNoIpAddress from '../../playbooks/dhcp-no-ip-address.json' with { type: 'json' };
import dhcpScopeExhausted from '../../playbooks/dhcp-scope-exhausted.json' with { type: 'json' };
import diskFullLinux from '../../playbooks/disk-full-linux.json' with { type: 'json' };
import diskFullWindows from '../../playbooks/disk-full-windows.json' with { type: 'json' };
import dnsResolutionFailure from '../../playbooks/dns-resolution-failure.json' with { type: 'json' };
import emailGoingToSpam from '../../playbooks/email-going-to-spam.json' with { type: 'json' };
import emailQuarantined from '../../playbooks/email-quarantined.json' with { type: 'json' };
import entraConnectSync from '../../playbooks/entra-connect-sync.json' with { type: 'json' };
import fileShareAccessDenied from '../../playbooks/file-share-access-denied.json' with { type: 'json' };
import groupPolicyNotApplying from '../../playbooks/group-policy-not-applying.json' with { type: 'json' };
import intuneEnrollmentFailed from '../../playbooks/intune-enrollment-failed.json' with { type: 'json' };
import linuxServiceFailed from '../../playbooks/linux-service-failed.json' with { type: 'json' };
import mailStuckOutbox from '../../playbooks/mail-stuck-outbox.json' with { type: 'json' };
import mailboxFullQuota from '../../playbooks/mailbox-full-quota.json' with { type: 'json' };
import mappedDrivesMissing from '../../playbooks/mapped-drives-missing.json' with { type: 'json' };
import mfaPromptsFailing from '../../playbooks/mfa-prompts-failing.json' with { type: 'json' };
import mfaResetNewPhone from '../../playbooks/mfa-reset-new-phone.json' with { type: 'json' };
import microphoneNotWorking from '../../playbooks/microphone-not-working.json' with { type: 'json' };
import monitorDockDisplay from '../../playbooks/monitor-dock-display.json' with { type: 'json' };
import officeActivationUnlicensed from '../../playbooks/office-activation-unlicensed.json' with { type: 'json' };
import officeAppCrashAddin from '../../playbooks/office-app-crash-addin.json' with { type: 'json' };
import onedriveSyncStuck from '../../playbooks/onedrive-sync-stuck.json' with { type: 'json' };
import outlookPasswordPrompts from '../../playbooks/outlook-password-prompts.json' with { type: 'json' };
import outlookProfileCorrupt from '../../playbooks/outlook-profile-corrupt.json' with { type: 'json' };
import outlookSearchBroken from '../../playbooks/outlook-search-broken.json' with { type: 'json' };
import passwordExpiredReset from '../../playbooks/password-expired-reset.json' with { type: 'json' };
import printSpoolerStuck from '../../playbooks/print-spooler-stuck.json' with { type: 'json' };
import printerDriverProblem from '../../playbooks/printer-driver-problem.json' with { type: 'json' };
import printerOffline from '../../playbooks/printer-offline.json' with { type: 'json' };
import rdpCannotConnect from '../../playbooks/rdp-cannot-connect.json' with { type: 'json' };
import rdsSessionProblems from '../../playbooks/rds-session-problems.json' with { type: 'json' };
import scanToEmailFailing from '../../playbooks/scan-to-email-failing.json' with { type: 'json' };
import scanToFolderFailing from '../../playbooks/scan-to-folder-failing.json' with { type: 'json' };
import sharedMailboxMissing from '../../playbooks/shared-mailbox-missing.json' with { type: 'json' };
import sharepointAccessDenied from '../../playbooks/sharepoint-access-denied.json' with { type: 'json' };
import slowLogon from '../../playbooks/slow-logon.json' with { type: 'json' };
import slowPcHighDisk from '../../playbooks/slow-pc-high-disk.json' with { type: 'json' };
import sshPublickeyDenied from '../../playbooks/ssh-publickey-denied.json' with { type: 'json' };
import teamsCacheIssues from '../../playbooks/teams-cache-issues.json' with { type: 'json' };
import teamsCameraVideo from '../../playbooks/teams-camera-video.json' with { type: 'json' };
import teamsSignInError from '../../playbooks/teams-sign-in-error.json' with { type: 'json' };
import timeSyncDrift from '../../playbooks/time-sync-drift.json' with { type: 'json' };
import trustRelationshipFailed from '../../playbooks/trust-relationship-failed.json' with { type: 'json' };
import upsPowerEvent from '../../playbooks/ups-power-event.json' with { type: 'json' };
import userProfileCorrupt from '../../playbooks/user-profile-corrupt.json' with { type: 'json' };
import voipPhoneProblems from '../../playbooks/voip-phone-problems.json' with { type: 'json' };
import vpnConnectedNoAccess from '../../playbooks/vpn-connected-no-access.json' with { type: 'json' };
import vpnWontConnect from '../../playbooks/vpn-wont-connect.json' with { type: 'json' };
import wifi8021xAuth from '../../playbooks/wifi-8021x-auth.json' with { type: 'json' };
import wifiCaptivePortal from '../../playbooks/wifi-captive-portal.json' with { type: 'json' };
import wifiDrops from '../../playbooks/wifi-drops.json' with { type: 'json' };
import windowsUpdateFailing from '../../playbooks/windows-update-failing.json' with { type: 'json' };
import { playbookProblems, ZPlaybook, type BuiltinPlaybook, type Playbook } from '@flowpilot/core/playbook';

/**
 * The offline engine's playbook pack. Static JSON imports (not a directory scan) so a
 * bundler includes every playbook and a missing file fails the build, not a session.
 * To add a playbook, drop `playbooks/<slug>.json` in place and list it here.
 */
const rawPlaybooks: readonly unknown[] = [
  adAccountLockout,
  audioNoSound,
  backupJobFailed,
  bitlockerRecovery,
  browserSiteIssues,
  calendarDelegation,
  certificateExpired,
  defenderQuarantine,
  dhcpNoIpAddress,
  dhcpScopeExhausted,
  diskFullLinux,
  diskFullWindows,
  dnsResolutionFailure,
  emailGoingToSpam,
  emailQuarantined,
  entraConnectSync,
  fileShareAccessDenied,
  groupPolicyNotApplying,
  intuneEnrollmentFailed,
  linuxServiceFailed,
  mailStuckOutbox,
  mailboxFullQuota,
  mappedDrivesMissing,
  mfaPromptsFailing,
  mfaResetNewPhone,
  microphoneNotWorking,
  monitorDockDisplay,
  officeActivationUnlicensed,
  officeAppCrashAddin,
  onedriveSyncStuck,
  outlookPasswordPrompts,
  outlookProfileCorrupt,
  outlookSearchBroken,
  passwordExpiredReset,
  printSpoolerStuck,
  printerDriverProblem,
  printerOffline,
  rdpCannotConnect,
  rdsSessionProblems,
  scanToEmailFailing,
  scanToFolderFailing,
  sharedMailboxMissing,
  sharepointAccessDenied,
  slowLogon,
  slowPcHighDisk,
  sshPublickeyDenied,
  teamsCacheIssues,
  teamsCameraVideo,
  teamsSignInError,
  timeSyncDrift,
  trustRelationshipFailed,
  upsPowerEvent,
  userProfileCorrupt,
  voipPhoneProblems,
  vpnConnectedNoAccess,
  vpnWontConnect,
  wifi8021xAuth,
  wifiCaptivePortal,
  wifiDrops,
  windowsUpdateFailing,
];

let cached: readonly BuiltinPlaybook[] | undefined;

/** Parses and checks the pack once; throws listing every problem if it is invalid. */
export function loadPlaybookPack(): readonly BuiltinPlaybook[] {
  cached ??= validatePlaybookPack(rawPlaybooks);
  return cached;
}

export function validatePlaybookPack(raw: readonly unknown[]): readonly BuiltinPlaybook[] {
  const problems: string[] = [];
  const playbooks: BuiltinPlaybook[] = [];
  raw.forEach((entry, index) => {
    const parsed = ZPlaybook.safeParse(entry);
    if (!parsed.success) {
      const slug = (entry as { slug?: unknown } | null)?.slug;
      problems.push(`playbook #${index} (${String(slug)}): ${z.prettifyError(parsed.error)}`);
      return;
    }
    const playbook = parsed.data;
    problems.push(...playbookProblems(playbook).map((problem) => `playbook ${playbook.slug}: ${problem}`));
    problems.push(...builtinProblems(playbook));
    if (playbook.template) playbooks.push({ ...playbook, template: playbook.template });
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

/** What the shipped pack promises beyond the shared schema: enough to converge on, and a template. */
function builtinProblems(playbook: Playbook): string[] {
  const where = `playbook ${playbook.slug}`;
  const problems: string[] = [];
  if (!playbook.template) problems.push(`${where}: a built-in needs its template`);
  if (playbook.symptoms.length < 2) problems.push(`${where}: needs at least 2 symptoms`);
  if ((playbook.keywords ?? []).length < 1) problems.push(`${where}: needs at least 1 keyword`);
  if (playbook.questions.length < 2) problems.push(`${where}: needs at least 2 questions`);
  if (playbook.checks.length < 1) problems.push(`${where}: needs at least 1 check`);
  return problems;
}
