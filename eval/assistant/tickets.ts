import type { Ticket } from './simulate.ts';

/**
 * The evaluation tickets: how engineers and users actually write them — short, long, misspelt,
 * with pasted output. `expect` is the playbook whose fix is right; null means the pack does
 * not cover it (unknown or not IT at all), where the only right answer is no fix.
 */
type Row = [expect: string | null, text: string, extra?: Partial<Ticket>];

const rows: Row[] = [
  // Identity & access
  ['ad-account-lockout', 'jsmith keeps getting locked out, unlocked him 3 times this morning already'],
  [
    'ad-account-lockout',
    'Account lockouts every 20 min for the accounts manager since she changed her password on Friday. Event 4740 on the DC.',
  ],
  [
    'ad-account-lockout',
    'PS C:\\> Get-ADUser mlee -Properties LockedOut,BadLogonCount\n\nLockedOut     : True\nBadLogonCount : 12\nSamAccountName : mlee\n\nuser cant log in',
  ],
  ['password-expired-reset', 'user forgot her password and is not registered for self service reset'],
  [
    'password-expired-reset',
    'Your password has expired and must be changed - user is working from home on a domain laptop and cant get past it',
  ],
  ['password-expired-reset', 'pasword expired for the warehouse guy, needs a reset asap'],
  [
    'mfa-reset-new-phone',
    "Client got a new iPhone and the authenticator app didnt transfer, can't approve sign ins now",
  ],
  ['mfa-reset-new-phone', 'lost phone - need to reset MFA for sarah@contoso.com'],
  [
    'mfa-prompts-failing',
    'MFA prompts never arrive on the users phone, the approve notification just doesnt show up. AADSTS50076 in sign in logs',
  ],
  ['mfa-prompts-failing', 'user says the verification code from authenticator is always rejected'],
  [
    'trust-relationship-failed',
    'The trust relationship between this workstation and the primary domain failed.',
    { asset: 'OFFICE-WS03' },
  ],
  [
    'trust-relationship-failed',
    'after restoring the VM from a snapshot nobody can log in, says trust relationship failed',
  ],
  [
    'entra-connect-sync',
    'New starter created in AD yesterday still not showing in Office 365. Azure AD Connect last sync was 3 days ago',
  ],
  ['entra-connect-sync', 'password changes on prem are not syncing to the cloud, dirsync seems dead'],
  [
    'user-profile-corrupt',
    "You've been signed in with a temporary profile. User's desktop is empty and all her files are gone",
  ],
  [
    'user-profile-corrupt',
    'User Profile Service failed the sign-in. User profile cannot be loaded. Event 1511',
  ],
  [
    'group-policy-not-applying',
    'GPO for the new wallpaper and drive mappings is not applying to the sales PCs, gpresult shows it filtered out',
  ],
  [
    'group-policy-not-applying',
    'gpupdate /force says "The processing of Group Policy failed" event 1058 on one laptop',
  ],
  // Email & Outlook
  ['outlook-password-prompts', 'Outlook keeps asking for the password over and over even though its correct'],
  [
    'outlook-password-prompts',
    'outlook constantly promting for credentials since her password reset yesterday, OWA works fine',
  ],
  ['outlook-profile-corrupt', 'Outlook stuck on "Loading profile" and never opens'],
  [
    'outlook-profile-corrupt',
    'Cannot start Microsoft Outlook. Cannot open the set of folders. Tried a restart already.',
  ],
  ['mailbox-full-quota', 'User gets "your mailbox is full" and cant send anything'],
  ['mailbox-full-quota', 'external senders get a bounce 552 5.2.2 mailbox full for the CEO'],
  ['mail-stuck-outbox', 'emails stuck in outbox, wont send. one has a 40mb attachment'],
  ['mail-stuck-outbox', 'Messages just sit in the Outbox and never go. Send/Receive error 0x800CCC0F'],
  ['email-quarantined', 'we are not receiving emails from our supplier at all, they say they sent them'],
  [
    'email-quarantined',
    'Client expecting an invoice email that never arrived — message trace shows it was quarantined',
  ],
  ['email-going-to-spam', 'our emails going to spam for customers, started after we moved DNS'],
  [
    'email-going-to-spam',
    'Every email we send to gmail ends up in their junk folder, DMARC fail in the headers',
  ],
  ['shared-mailbox-missing', 'shared mailbox accounts@ not showing up in outlook for the new hire'],
  ['shared-mailbox-missing', 'User cannot send as the shared inbox, gets an error saying no permission'],
  ['calendar-delegation', "PA can't see her boss's calendar, says you do not have permission"],
  [
    'calendar-delegation',
    'set up a delegate for meeting invites but the assistant isnt receiving any requests',
  ],
  ['outlook-search-broken', 'outlook search returns no results for emails i know are there'],
  ['outlook-search-broken', 'Search in Outlook only finds stuff from last year, indexing seems stuck'],
  // Office & licensing
  ['office-app-crash-addin', 'Excel crashes every time she opens the budget spreadsheet'],
  [
    'office-app-crash-addin',
    'word keeps crashing since the new PDF add-in was installed, works in safe mode',
  ],
  ['office-app-crash-addin', 'exel keeps closing by itself when i open files'],
  ['office-activation-unlicensed', 'Word says Unlicensed Product across the top and editing is disabled'],
  ['office-activation-unlicensed', 'product activation failed on the new laptop for office'],
  // Printing
  ['print-spooler-stuck', 'print jobs stuck in queue and wont delete'],
  [
    'print-spooler-stuck',
    'Reception PC cannot print, documents just sit in the queue saying deleting. Other users can print to the same printer fine.',
    { asset: 'RECEPTION-01' },
  ],
  [
    'print-spooler-stuck',
    'PS C:\\> Get-Service Spooler\n\nStatus   Name               DisplayName\n------   ----               -----------\nStopped  Spooler            Print Spooler\n\nnothing prints from this machine',
  ],
  ['printer-offline', 'printer shows offline on all the PCs upstairs'],
  [
    'printer-offline',
    'HP laserjet says offline but its turned on and has a network light. Ping to it times out',
  ],
  ['printer-driver-problem', 'printer spits out pages of random symbols and gibberish'],
  [
    'printer-driver-problem',
    'since the update the Ricoh prints blank pages from one laptop, driver is unavailable in printer properties',
  ],
  ['scan-to-email-failing', 'scan to email stopped working on the copier'],
  [
    'scan-to-email-failing',
    'MFP cannot send scans by e-mail since we enabled MFA, SMTP authentication error',
  ],
  ['scan-to-folder-failing', 'scan to folder on the Konica fails, cannot connect to the PC'],
  ['scan-to-folder-failing', 'copier cant scan to the network share any more, worked last week'],
  // Storage & performance
  ['disk-full-windows', 'C drive full, only 200MB free, user cant save anything'],
  ['disk-full-windows', 'low disk space warning on the laptop, its red in explorer'],
  ['disk-full-linux', 'ubuntu server says no space left on device when writing logs'],
  [
    'disk-full-linux',
    'user@web01:~$ df -h\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        40G   40G     0 100% /\n\nsite is throwing errors',
  ],
  ['slow-pc-high-disk', 'laptop is super slow, task manager shows disk at 100% all day'],
  ['slow-pc-high-disk', 'the pc is really sluggish and freezes, fans going crazy, high CPU in task manager'],
  ['slow-logon', 'takes 10 minutes to log in in the morning, sits on Welcome'],
  [
    'slow-logon',
    'slow login for everyone at the branch office, says please wait for the group policy client',
  ],
  // Networking
  ['dns-resolution-failure', 'cant reach any websites but ping 8.8.8.8 works'],
  ['dns-resolution-failure', 'nslookup intranet.contoso.local returns Non-existent domain on one PC'],
  ['dhcp-no-ip-address', 'laptop has no internet, ipconfig shows 169.254.33.10'],
  [
    'dhcp-no-ip-address',
    'Ethernet adapter Ethernet:\n   Autoconfiguration IPv4 Address. . : 169.254.101.7\n   Subnet Mask . . . . . . . . . . . : 255.255.0.0\n\nonly this desk, the others are fine',
  ],
  ['dhcp-scope-exhausted', 'everyone on the 2nd floor has no network, they all get 169.254 addresses'],
  ['dhcp-scope-exhausted', 'new devices cannot get an IP, DHCP scope looks full'],
  ['wifi-drops', 'wifi keeps dropping on her laptop every half hour'],
  ['wifi-drops', 'laptop disconnects from wifi after it wakes from sleep, ethernet is fine'],
  [
    'wifi-8021x-auth',
    'laptop wont connect to the corporate wifi after password change, keeps asking for credentials',
  ],
  ['wifi-8021x-auth', 'NPS logs event 6273 for the new laptops, 802.1x fails'],
  ['wifi-captive-portal', 'at the hotel, connected to wifi but no internet and the login page never shows'],
  ['wifi-captive-portal', 'airport guest wifi sign in page wont appear on the work laptop'],
  [
    'certificate-expired',
    'customers get "your connection is not private" on our website, NET::ERR_CERT_DATE_INVALID',
  ],
  ['certificate-expired', 'ssl cert expired on the portal this morning'],
  ['time-sync-drift', 'clock on the server is 7 minutes behind and kerberos errors'],
  ['time-sync-drift', 'the time is wrong on several PCs, w32tm says no time data available'],
  // Remote access
  ['vpn-wont-connect', 'vpn wont connect from home, error 809'],
  ['vpn-wont-connect', 'FortiClient fails to connect for one remote user, credentials are correct'],
  ['vpn-connected-no-access', 'connected to vpn but cant open the file server or any internal sites'],
  ['vpn-connected-no-access', 'VPN is up but RDP to the server freezes and large files hang'],
  ['rdp-cannot-connect', 'remote desktop cant connect to the remote computer, 3389'],
  ['rdp-cannot-connect', "mstsc to the accounts PC just says can't connect"],
  ['rds-session-problems', 'RDS black screen after login on the terminal server'],
  ['rds-session-problems', 'users get "no remote desktop license servers available" on the session host'],
  // Files & sync
  ['mapped-drives-missing', 'mapped drives missing after login, S and H have red X'],
  ['mapped-drives-missing', 'network drives gone for a user working from home'],
  ['file-share-access-denied', 'access is denied on the finance share, other people can open it'],
  [
    'file-share-access-denied',
    'user moved teams and now gets access denied to the shared folder on the file server',
  ],
  ['onedrive-sync-stuck', 'OneDrive stuck on processing changes for days'],
  ['onedrive-sync-stuck', 'onedrive not syncing, red x on the cloud icon'],
  [
    'sharepoint-access-denied',
    'external user cant open the sharepoint link we sent, says you need permission',
  ],
  ['sharepoint-access-denied', 'New starter cannot access the Projects SharePoint site, request access page'],
  // Collaboration
  ['teams-cache-issues', 'teams is blank white screen and wont load messages'],
  ['teams-cache-issues', 'Teams desktop app stuck loading, web version works fine'],
  ['teams-sign-in-error', 'teams wont sign in, error caa2000b'],
  ['teams-sign-in-error', "Teams: we couldn't sign you in. Other apps are fine."],
  ['teams-camera-video', 'camera not working in teams, others just see black'],
  ['teams-camera-video', 'webcam not detected on the laptop for meetings'],
  ['microphone-not-working', 'nobody can hear me on calls, mic not working'],
  ['microphone-not-working', 'microphone not picking up anything on the headset'],
  ['audio-no-sound', 'no sound from the laptop speakers at all'],
  ['audio-no-sound', 'headset plugged in but cant hear anything, no audio output device is installed'],
  // Security & devices
  ['bitlocker-recovery', 'laptop asking for bitlocker recovery key after bios update'],
  ['bitlocker-recovery', 'blue screen asking for a recovery key, 48 digits, user doesnt have it'],
  ['defender-quarantine', 'Defender quarantined our accounting software exe, its a false positive'],
  [
    'defender-quarantine',
    'windows security keeps deleting a file from the shared program folder, threat found',
  ],
  ['intune-enrollment-failed', 'autopilot enrollment failed something went wrong 0x80180014'],
  ['intune-enrollment-failed', 'new laptop wont enroll in intune, stuck on the ESP'],
  ['windows-update-failing', 'windows update keeps failing with 0x800f0922'],
  ['windows-update-failing', 'cumulative update fails to install and it says undoing changes every reboot'],
  // Linux
  ['ssh-publickey-denied', 'ssh: Permission denied (publickey) when connecting to the build server'],
  ['ssh-publickey-denied', 'cant ssh into the vps anymore with my key'],
  ['linux-service-failed', 'nginx is down on the web server, 502 bad gateway'],
  [
    'linux-service-failed',
    'root@app01:~# systemctl status nginx\n● nginx.service - A high performance web server\n   Active: failed (Result: exit-code) since Mon\n\nsite is down',
  ],
  // Infrastructure & hardware
  ['backup-job-failed', 'veeam backup job failed last night'],
  ['backup-job-failed', 'nightly backup failed with VSS error 0x800423F4'],
  ['ups-power-event', 'the UPS in the comms cupboard is beeping'],
  ['ups-power-event', 'apc ups says replace battery and servers shut off in the power cut'],
  ['monitor-dock-display', 'second monitor not detected through the dock'],
  ['monitor-dock-display', 'external screens go black when docked, usb-c dock'],
  ['voip-phone-problems', 'desk phone shows no service and not registering'],
  ['voip-phone-problems', 'calls have one way audio since the new router'],
  // Unknown or not IT
  [null, 'the coffee machine in the kitchen is broken again'],
  [null, 'can you order 3 more office chairs for the new starters'],
  [null, 'QuickBooks H202 error when opening the company file in multi-user mode'],
  [null, 'Sage 50 says the data path cannot be found'],
  [null, 'the office door badge reader is not letting people in'],
  [null, 'user wants to know how to make a pivot table'],
  [null, 'AutoCAD licence server error when starting'],
  [null, 'the car park barrier is stuck open'],
  [null, 'please set up a meeting room booking for Tuesday'],
  [null, 'the fire alarm test is scheduled for friday, please inform staff'],
  [null, 'can we get a quote for 5 new laptops'],
  [null, 'our website needs a new banner image on the homepage'],
  [null, 'the air conditioning is too cold on the 3rd floor'],
  [null, 'user asks for a second mouse mat'],
  [null, 'CRM shows wrong customer totals in the monthly report'],
  [null, 'Xero bank feed stopped importing transactions'],
  [null, 'payroll software says the tax tables need updating'],
  // Held-out style (issue 13 follow-up): phrased the way users write, not the playbooks' words;
  // the last two are vague intakes of a known area.
  [
    'printer-offline',
    'Canon in the front office went grey in the printers list and says offline. Tried turning it off and on, its definitely plugged in',
  ],
  [
    'print-spooler-stuck',
    'nothing comes out when she hits print, the little queue window just says error - printing and it never clears',
  ],
  [
    'outlook-password-prompts',
    "Outlook won't stop asking her to log in again, she types it in and a minute later the box is back",
  ],
  [
    'ad-account-lockout',
    "Tom's domain account gets locked every hour or so, I unlock it in ADUC and it happens again",
  ],
  [
    'mailbox-full-quota',
    "he's getting a message saying his mailbox is nearly at the limit and now he can't send anything",
  ],
  [
    'vpn-wont-connect',
    'FortiClient sits at 40% then says unable to establish the VPN connection, she is working from home',
  ],
  [
    'mapped-drives-missing',
    'the S drive vanished off her computer this morning, the shortcut in This PC has a red cross on it',
  ],
  ['wifi-drops', 'laptop keeps falling off the wireless every 10 mins or so, the rest of the office is fine'],
  [
    'onedrive-sync-stuck',
    'OneDrive cloud has had the blue arrows spinning for two days and the files on his other laptop are out of date',
  ],
  ['teams-camera-video', 'in Teams meetings nobody can see him, the video button is greyed out'],
  ['slow-pc-high-disk', 'PC takes ages to do anything, task manager shows the disk pegged at 100 percent'],
  ['bitlocker-recovery', 'after the BIOS update the laptop boots to a blue screen asking for a 48 digit key'],
  ['dns-resolution-failure', "websites won't load by name but I can ping 8.8.8.8 no problem"],
  [
    'shared-mailbox-missing',
    'the accounts@ mailbox disappeared from her Outlook folder list, she still needs it for invoices',
  ],
  [
    'file-share-access-denied',
    "she gets 'you need permission to access this folder' on the HR share since moving teams",
  ],
  ['print-spooler-stuck', 'cant print from her pc'],
  ['outlook-password-prompts', 'Outlook is acting up for one user'],
  [null, 'Adobe Acrobat says the signature on the supplier PDF is invalid'],
  [null, 'the Zoom Rooms controller in the boardroom says an update is required'],
];

export const tickets: Ticket[] = rows.map(([expect, text, extra], index) => ({
  id: `t${String(index + 1).padStart(3, '0')}`,
  text,
  expect,
  ...extra,
}));
