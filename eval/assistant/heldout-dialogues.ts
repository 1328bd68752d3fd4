import { t, type Dialogue } from './dialogues.ts';

/**
 * Held-out dialogues, written without reading the playbooks, the engine or dialogues.ts.
 * Expectations name only the fix (by playbook slug), "no fix yet" and a confidence ceiling.
 * Do not tune the engine against these rows' wording.
 */
export const heldoutDialogues: Dialogue[] = [
  {
    name: 'negation: "locked out" is not an AD lockout; laptop-only failure with trust-relationship error text',
    ticket: t('hd01', 'Jenny in HR locked out of her laptop, cant log in this morning', {
      asset: 'LT-HR-0107',
    }),
    first: { noFix: true },
    turns: [
      {
        say: "no, it's not locked - checked ADUC, account enabled, not locked, pwd changed last week. she can log in on her phone fine (outlook + teams), only the laptop fails",
        expect: { noFix: true },
      },
      {
        say: 'got her to read me the msg on the login screen: "The security database on the server does not have a computer account for this workstation trust relationship."',
        expect: { fix: 'trust-relationship-failed' },
      },
      {
        say: "she's in the office, wired. local admin acct works on it if that helps",
        expect: { fix: 'trust-relationship-failed' },
      },
    ],
  },
  {
    name: 'correction: password-prompt ticket turns out to be Outlook hanging on Loading Profile',
    ticket: t(
      'hd02',
      'Outlook keeps prompting for password for user in sales, she types it in and it just pops up again',
      { asset: 'PC-SALES-22' },
    ),
    first: { fix: 'outlook-password-prompts' },
    turns: [
      {
        say: "scratch that, spoke to her properly - there's no password box at all. outlook just sits on 'Loading Profile...' and never gets past it. safe mode (outlook.exe /safe) does the same",
        expect: { fix: 'outlook-profile-corrupt' },
      },
      {
        say: 'OWA works fine for her, mailbox only 3gb of 50. other users on that pc are ok',
        expect: { fix: 'outlook-profile-corrupt' },
      },
    ],
  },
  {
    name: 'scope: only this one PC, ipconfig paste shows APIPA address -> single-device DHCP problem',
    ticket: t('hd03', 'pc at reception no network, yellow triangle "No internet access"', {
      asset: 'RECEP-PC01',
    }),
    first: { noFix: true },
    turns: [
      {
        say: 'just this one pc. the one next to it on the same switch is fine, already swapped the patch cable',
        expect: { noFix: true },
      },
      {
        say: `ipconfig:

Ethernet adapter Ethernet:
   Connection-specific DNS Suffix  . :
   Link-local IPv6 Address . . . . . : fe80::9c1d:4b2e:1a7f:3c10%6
   Autoconfiguration IPv4 Address. . : 169.254.88.17
   Subnet Mask . . . . . . . . . . . : 255.255.0.0
   Default Gateway . . . . . . . . . :`,
        expect: { fix: 'dhcp-no-ip-address' },
      },
      {
        say: 'ipconfig /renew just sits there then times out',
        expect: { fix: 'dhcp-no-ip-address' },
      },
    ],
  },
  {
    name: 'scope: whole floor getting 169.254 addresses, DHCP server event confirms the scope is full',
    ticket: t('hd04', 'network down on the 2nd floor??'),
    first: { noFix: true },
    turns: [
      {
        say: "not everyone - people who've been in since 8 are fine, anyone who got in later or rebooted gets a 169.254 address. wired and wifi both. 1st floor ok",
        expect: { fix: 'dhcp-scope-exhausted' },
      },
      {
        say: `dhcp server event log:
Event ID 1020, Microsoft-Windows-DHCP-Server
Scope, 10.20.2.0, is 100 percent full with only 0 IP addresses remaining.

we did add about 40 hot desks + phones up there last week`,
        expect: { fix: 'dhcp-scope-exhausted' },
      },
    ],
  },
  {
    name: 'pasted systemctl status output shows a failed unit behind a 502',
    ticket: t('hd05', 'intranet app down, LB giving 502 bad gateway', { asset: 'lnx-web02' }),
    first: { noFix: true },
    turns: [
      {
        say: `$ systemctl status gunicorn-app
× gunicorn-app.service - Gunicorn for intranet app
     Loaded: loaded (/etc/systemd/system/gunicorn-app.service; enabled; preset: enabled)
     Active: failed (Result: exit-code) since Tue 2024-05-14 07:02:11 UTC; 2h 3min ago
    Process: 1123 ExecStart=/opt/app/venv/bin/gunicorn -c /etc/gunicorn/app.py app:wsgi (code=exited, status=3)
   Main PID: 1123 (code=exited, status=3)

May 14 07:02:11 lnx-web02 systemd[1]: gunicorn-app.service: Start request repeated too quickly.
May 14 07:02:11 lnx-web02 systemd[1]: gunicorn-app.service: Failed with result 'exit-code'.
May 14 07:02:11 lnx-web02 systemd[1]: Failed to start gunicorn-app.service - Gunicorn for intranet app.`,
        expect: { fix: 'linux-service-failed' },
      },
      {
        say: 'df -h is fine, / at 41%. cert on the LB good till next year. nginx itself is running',
        expect: { fix: 'linux-service-failed' },
      },
    ],
  },
  {
    name: 'pasted journalctl + df: database "down" is really a full root filesystem; engineer asks what to clear',
    ticket: t('hd06', 'devs say database is down on db01, app throwing connection refused', {
      asset: 'db01',
    }),
    first: { noFix: true },
    turns: [
      {
        say: `$ sudo journalctl -u postgresql -n 4 --no-pager
May 14 06:40:02 db01 postgres[2211]: FATAL:  could not write lock file "postmaster.pid": No space left on device
May 14 06:40:02 db01 systemd[1]: postgresql.service: Main process exited, code=exited, status=1/FAILURE
$ df -h /
Filesystem      Size  Used Avail Use% Mounted on
/dev/sda1        50G   50G     0 100% /`,
        expect: { fix: 'disk-full-linux' },
      },
      {
        say: 'du says /var/log/app is 31G, logrotate looks like it hasnt run since feb. ok just tell me whats safe to clear',
        expect: { fix: 'disk-full-linux' },
      },
    ],
  },
  {
    name: 'vague "outlook is being weird" narrowed to search returning incomplete results',
    ticket: t('hd07', 'outlook is being weird for the MD', { asset: 'LT-EXEC-001' }),
    first: { noFix: true },
    turns: [
      {
        say: 'opens ok, mail coming in and going out fine, no pw prompts. its searching - she searches a supplier name and gets nothing older than about march, she knows theres loads',
        expect: { fix: 'outlook-search-broken' },
      },
      {
        say: "indexing options says 'Indexing complete. 2,134 items indexed' - she has like 40k emails, cached mode",
        expect: { fix: 'outlook-search-broken' },
      },
    ],
  },
  {
    name: 'vague "printer problem", not offline, prints garbage after a printer/driver swap',
    ticket: t('hd08', 'printer problem - accounts'),
    first: { noFix: true },
    turns: [
      {
        say: 'its not offline, it prints. but pages come out with random symbols and about one line per page, 30 odd pages of junk for a 1 page invoice',
        expect: { fix: 'printer-driver-problem' },
      },
      {
        say: 'only since we swapped in the new HP M479 on friday, kept the old queue and just changed the IP. copying on the device itself is fine',
        expect: { fix: 'printer-driver-problem' },
      },
    ],
  },
  {
    name: 'scope: all users since this morning get a cert date error on the intranet (not one browser, not one clock); then "just give me the steps"',
    ticket: t('hd09', 'intranet not loading'),
    first: { noFix: true },
    turns: [
      {
        say: 'its everyone, all users since this morning, chrome and edge. chrome says NET::ERR_CERT_DATE_INVALID',
        expect: { fix: 'certificate-expired' },
      },
      {
        say: "yep, cert on the IIS box: 'Valid to: 13/06/2024' - that was yesterday. just give me the steps",
        expect: { fix: 'certificate-expired' },
      },
    ],
  },
  {
    name: 'VPN connects but names do not resolve (home router DNS); engineer asks outright what to change',
    ticket: t('hd10', 'vpn issue - remote user on home broadband', { asset: 'LT-0512' }),
    first: { noFix: true },
    turns: [
      {
        say: 'it connects fine, forticlient says connected, got 10.99.4.22. but S drive and the intranet dont open',
        expect: { fix: 'vpn-connected-no-access' },
      },
      {
        say: `ping 10.1.1.20 replies ok. ping fs01 -> "Ping request could not find host fs01. Please check the name and try again."
nslookup fs01
Server:  home.router
Address:  192.168.1.1
*** home.router can't find fs01: Non-existent domain

ok just tell me what to change`,
        expect: { fix: 'vpn-connected-no-access' },
      },
    ],
  },
  {
    name: 'negation with PowerShell paste: "thinks she is locked out" but LockedOut False, PasswordExpired True',
    ticket: t('hd11', 'Sarah K (finance) cant log in to her pc, thinks shes locked out'),
    first: { noFix: true },
    turns: [
      {
        say: `checked, shes not locked:
PS C:\\> Get-ADUser sarah.k -Properties LockedOut,PasswordExpired,PasswordLastSet | fl LockedOut,PasswordExpired,PasswordLastSet

LockedOut       : False
PasswordExpired : True
PasswordLastSet : 12/02/2024 08:14:55`,
        expect: { fix: 'password-expired-reset' },
      },
      {
        say: 'shes WFH so no line of sight to a DC until vpn is up. we do have SSPR turned on',
        expect: { fix: 'password-expired-reset' },
      },
    ],
  },
  {
    name: 'share "access denied" ticket; event log and clock offset show Kerberos time skew',
    ticket: t(
      'hd12',
      'user at leeds branch cant get into S: or any shares, keeps asking for creds then access denied',
      { asset: 'LT-BRN-014' },
    ),
    first: { noFix: true },
    turns: [
      {
        say: `rest of the branch fine on the same shares. her outlook + teams ok. system log full of these:
Security-Kerberos: The Kerberos client received a KRB_AP_ERR_SKEW error from the server fs01$.
her clock says 10:52, DC says 10:41`,
        expect: { fix: 'time-sync-drift' },
      },
      {
        say: 'w32tm /query /source -> Local CMOS Clock. w32tm /resync -> The computer did not resync because no time data was available.',
        expect: { fix: 'time-sync-drift' },
      },
    ],
  },
  {
    name: 'not covered: line-of-business accounting app report error; engineer asks for a fix anyway',
    ticket: t(
      'hd13',
      "Sage 200 - aged debtors report fails with 'Object reference not set to an instance of an object'",
    ),
    first: { noFix: true, maxConfidence: 0.5 },
    turns: [
      {
        say: 'only that one report, every other report runs fine. all users, started after they closed month end on monday',
        expect: { noFix: true, maxConfidence: 0.5 },
      },
      {
        say: 'app server has plenty of space, sql is up, other modules fine. vendor ticket raised but no reply yet - just tell me what to try',
        expect: { noFix: true, maxConfidence: 0.5 },
      },
    ],
  },
  {
    name: 'not covered: hardware fault, some laptop keys dead after a liquid spill',
    ticket: t('hd14', 'laptop keyboard - some keys dont work', { asset: 'LT-0388' }),
    first: { noFix: true, maxConfidence: 0.5 },
    turns: [
      {
        say: 'E R T and 4 do nothing, rest fine. usb keyboard works perfectly, on screen keyboard too',
        expect: { noFix: true, maxConfidence: 0.5 },
      },
      {
        say: 'turns out she spilt tea on it friday. dell latitude, think its still in warranty. anything software side i can try?',
        expect: { noFix: true, maxConfidence: 0.5 },
      },
    ],
  },
];
