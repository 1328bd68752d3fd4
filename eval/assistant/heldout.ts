import type { Ticket } from './simulate.ts';

/**
 * Held-out tickets, written without reading the playbooks, the engine or tickets.ts, to measure
 * whether the offline engine generalises beyond the wording it was tuned on. `expect` is the
 * playbook whose fix is right; null means none of the pack covers it.
 * Do not tune the engine against these rows' wording.
 */
type Row = [expect: string | null, text: string, extra?: Partial<Ticket>];

const rows: Row[] = [
  [
    'ad-account-lockout',
    'm.patel locked out AGAIN, 5th time since lunch. unlocking in ADUC each time and it comes back within 20 mins. he changed his pw this morning. event from the DC pasted in logs',
    {
      logs: `Log Name:      Security
Source:        Microsoft-Windows-Security-Auditing
Date:          11/03/2025 14:22:07
Event ID:      4740
Task Category: User Account Management
Level:         Information
Keywords:      Audit Success
Computer:      DC01.corp.local
Description:
A user account was locked out.

Subject:
    Security ID:        S-1-5-18
    Account Name:       DC01$
    Account Domain:     CORP
    Logon ID:           0x3E7

Account That Was Locked Out:
    Security ID:        S-1-5-21-3623811015-3361044348-30300820-1187
    Account Name:       m.patel

Additional Information:
    Caller Computer Name:   TS02`,
    },
  ],
  [
    'wifi-captive-portal',
    "at the hotel for the conference, laptop joins their wifi but says 'No internet' and the page where you accept their terms never comes up. my phone got the page fine and works",
  ],
  [null, 'the coffee machine on the 2nd floor is leaking all over the floor again'],
  [
    'disk-full-linux',
    `apt upgrade on web01 bombing out, and the app can't write uploads either.

root@web01:~# df -h
Filesystem      Size  Used Avail Use% Mounted on
udev            1.9G     0  1.9G   0% /dev
tmpfs           393M  1.1M  392M   1% /run
/dev/sda1        40G   40G     0 100% /
tmpfs           2.0G     0  2.0G   0% /dev/shm
/dev/sda15      105M  6.1M   99M   6% /boot/efi
root@web01:~# apt upgrade
E: Write error - write (28: No space left on device)`,
  ],
  [
    'mfa-reset-new-phone',
    "Hi, my phone got stolen on Saturday. I've got a replacement now (new number too) but when I try to log into email on my laptop it asks for the code from the Authenticator app, which was on the old phone. Can you help me get back in?",
  ],
  [
    'outlook-password-prompts',
    "outlook keeps popping up the 'Windows Security' box asking for my password every 10 mins or so. i type it in, it goes away, then comes back. password is definitely right, webmail on my phone is fine",
  ],
  [
    null,
    "Sage 200 won't let a 6th person log in - 'Licence limit reached: all available user licences are in use'. Can we add another user to our Sage subscription and who do we buy it from?",
  ],
  [
    'printer-offline',
    "Warehouse Brother printer shows 'Offline' on all the warehouse PCs since it got moved to the other side of the room yesterday. It's switched on, plugged into a network point and prints its own config page fine.",
    { client: 'Westbury Logistics' },
  ],
  [
    'dhcp-no-ip-address',
    `reception pc has no network, everyone else on that switch is fine. cable swapped already, same.

Ethernet adapter Ethernet:

   Connection-specific DNS Suffix  . :
   Link-local IPv6 Address . . . . . : fe80::a4c1:3b2e:91d0:7f12%6
   Autoconfiguration IPv4 Address. . : 169.254.118.40
   Subnet Mask . . . . . . . . . . . : 255.255.0.0
   Default Gateway . . . . . . . . . :`,
    { asset: 'RECEP-PC02' },
  ],
  [
    'teams-cache-issues',
    'Teams on my laptop is showing chats from last Thursday, new messages only show up on my phone. My status is stuck on Away as well. Quit it from the tray and reopened, no change.',
  ],
  [
    'certificate-expired',
    "URGENT patients can't book online - the booking page book.harbourdental.co.uk shows 'Your connection isn't private NET::ERR_CERT_DATE_INVALID' in every browser, on mobiles too. Started this morning, nothing changed on the site as far as we know.",
    { client: 'Harbour Dental Group' },
  ],
  [
    'slow-logon',
    'Every morning my PC sits on Welcome with the spinning dots for like 8-10 minutes before the desktop appears. Once im in it runs fine all day. People on the same floor say theirs has been taking ages too since last week.',
  ],
  [null, 'computer being weird since yesterday. can someone look'],
  [
    'email-quarantined',
    "our solicitor swears he's sent the signed contract 3 times today from his work address (mark@lbw-law.co.uk) - nothing in my inbox or junk. can someone check if our filter is holding it? need it before 4pm",
  ],
  [
    'rdp-cannot-connect',
    "Can't remote onto SRV-APP02 from my desk anymore. mstsc gives 'Remote Desktop can't connect to the remote computer for one of these reasons: 1) Remote access to the server is not enabled 2) The remote computer is turned off 3) The remote computer is not available on the network'. It pings fine and the app on it is still working for users. was ok before patch tuesday",
  ],
  [
    'backup-job-failed',
    'Alert for Calder & Finch - FS01 nightly job failed 2 nights running, job log in logs. Host was rebooted Sunday for patching, not sure if related.',
    {
      client: 'Calder & Finch Solicitors',
      logs: `Job 'FS01 Nightly' finished with Failed
14/03/2025 23:00:08  Job started at 14/03/2025 23:00:08
14/03/2025 23:00:41  Building VM list
14/03/2025 23:00:44  VM size: 1.2 TB (846 GB used)
14/03/2025 23:01:07  Processing FS01 Error: Failed to create VM recovery checkpoint (mode: Veeam application-aware processing) Details: Job failed ('Checkpoint operation for 'FS01' failed. (Virtual machine ID 5F2C81D4-3B7E-4C0A-9E61-2D8A7F0B9C13) Production checkpoints cannot be created for 'FS01'. (Virtual machine ID 5F2C81D4-3B7E-4C0A-9E61-2D8A7F0B9C13)'). Error code: '32768'.
14/03/2025 23:14:52  Job finished with error at 14/03/2025 23:14:52`,
    },
  ],
  [
    'onedrive-sync-stuck',
    "The blue cloud icon by the clock has been stuck on 'Processing 2,314 changes' since Friday. Stuff I save on my laptop isn't showing up on my desktop PC or on the web. Restarted twice.",
  ],
  [
    null,
    "spilled tea on my laptop keyboard, now the E, R and T keys don't type anything and the spacebar sticks. laptop otherwise works fine",
  ],
  [
    'microphone-not-working',
    "nobody can hear me on teams calls but i can hear them fine. did the test call and the mic bar doesnt move at all. using the laptop's own mic, no headset. worked last week",
  ],
  [
    'vpn-wont-connect',
    "working from home, GlobalProtect sits on 'Connecting...' for a minute then says 'Unable to connect to the GlobalProtect gateway. Please contact your IT administrator.' Home internet is fine otherwise. Tried my phone hotspot too, same.",
  ],
  [
    'file-share-access-denied',
    "Hi, I moved from Sales to the Finance team last week. When I try to open the Finance folder on the S: drive I get 'Windows cannot access \\\\fs01\\finance. You do not have permission to access \\\\fs01\\finance.' My manager said it would be sorted. Other folders open fine.",
  ],
  [
    'office-app-crash-addin',
    'Excel shuts itself as soon as it opens, every time, no error message. Started after accounts installed the new Xero plugin for Excel. If I hold ctrl while opening it (safe mode) it opens fine.',
  ],
  [
    null,
    'can someone book the boardroom for thursday 2-4 for the client visit, and order sandwiches for 8 please',
  ],
  [
    'dns-resolution-failure',
    `No one in the office can get to websites or the file server by name since the ISP swapped the router at lunch. Ping by IP works.

C:\\>nslookup google.com
DNS request timed out.
    timeout was 2 seconds.
Server:  UnKnown
Address:  192.168.1.1

DNS request timed out.
    timeout was 2 seconds.
*** Request to UnKnown timed-out

C:\\>ping 8.8.8.8

Pinging 8.8.8.8 with 32 bytes of data:
Reply from 8.8.8.8: bytes=32 time=11ms TTL=117
Reply from 8.8.8.8: bytes=32 time=12ms TTL=117`,
  ],
  [
    'bitlocker-recovery',
    'User rang from a client site - laptop came up with a blue screen wanting a long recovery key before Windows even starts. She says a Dell BIOS update installed last night. Key ID on screen starts 6B1E0A3C. Can someone read her the key pls',
    { asset: 'SLS-LT22' },
  ],
  [
    'mail-stuck-outbox',
    'i have 3 emails sat in my outbox in italics that wont go. one is the site drawings (about 38mb). they have been there since this morning, resending does nothing',
  ],
  [
    'wifi-drops',
    "my laptop keeps losing the wifi every 10-15 mins when i'm in the upstairs meeting rooms, comes back on its own after a minute or so but it kills my teams calls. downstairs it's fine all day",
  ],
  [
    null,
    "How many AutoCAD LT seats have we got left on the Autodesk subscription? Want to move Dan's seat (he left Friday) to Priya who starts Monday.",
  ],
  [
    'linux-service-failed',
    "nginx won't come back up on lb02 after the dev edited the site config, site is down. status output in logs",
    {
      logs: `$ sudo systemctl status nginx
x nginx.service - A high performance web server and a reverse proxy server
     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enabled)
     Active: failed (Result: exit-code) since Wed 2025-03-12 09:41:17 UTC; 2min 3s ago
       Docs: man:nginx(8)
    Process: 48211 ExecStartPre=/usr/sbin/nginx -t -q -g daemon on; master_process on; (code=exited, status=1/FAILURE)
        CPU: 18ms

Mar 12 09:41:17 lb02 systemd[1]: Starting A high performance web server and a reverse proxy server...
Mar 12 09:41:17 lb02 nginx[48211]: nginx: [emerg] unknown directive "proxy_pas" in /etc/nginx/sites-enabled/app.conf:14
Mar 12 09:41:17 lb02 nginx[48211]: nginx: configuration file /etc/nginx/nginx.conf test failed
Mar 12 09:41:17 lb02 systemd[1]: nginx.service: Control process exited, code=exited, status=1/FAILURE
Mar 12 09:41:17 lb02 systemd[1]: nginx.service: Failed with result 'exit-code'.
Mar 12 09:41:17 lb02 systemd[1]: Failed to start A high performance web server and a reverse proxy server.`,
    },
  ],
  [
    'user-profile-corrupt',
    "Logged in this morning and my desktop is completely blank, all my files and shortcuts gone and Outlook wants setting up from scratch. A message in the corner said 'We can't sign in to your account' and something about changes being lost when you sign out. PLEASE tell me my files aren't gone",
  ],
  [
    'print-spooler-stuck',
    "HP in accounts: 15 jobs in the queue and the top one has said 'Deleting - Printing' for the last hour. nothing comes out and we can't cancel any of them. The printer itself looks fine on its own screen.",
  ],
  [
    'sharepoint-access-denied',
    "External auditor (j.ross@ravenauditllp.com) says the link I sent her from our Finance channel in Teams gives 'Sorry, you don't have access to this' when she opens it. I used Share and typed her email in. Internal people can open the same link fine.",
  ],
  [
    'mfa-prompts-failing',
    "The approve notification on the Authenticator app has stopped coming through when I sign in to Outlook on the web. Same phone I've always had, notifications from other apps come through fine. It just says 'We've sent a notification to your mobile device' and then times out.",
  ],
  [null, 'my payslip is missing the overtime from February, who do I speak to?'],
  [
    'dhcp-scope-exhausted',
    "Since about 9:30 loads of staff laptops and the classroom iPads can't get on the network - the ones that fail show a 169.254 address, the ones that were already connected are fine. The new Chromebook trolley (32 devices) was delivered and switched on this morning.",
    { client: 'Northgate Primary School' },
  ],
  [
    'trust-relationship-failed',
    "laptop was in a drawer for 5 months during mat leave. at the login screen now it says 'The security database on the server does not have a computer account for this workstation trust relationship.' local admin login works",
    { asset: 'HR-LT03' },
  ],
  [
    'outlook-profile-corrupt',
    "Outlook is stuck on the splash screen saying 'Loading Profile...' and never gets any further. Tried restarting, tried outlook.exe /safe - same thing. Webmail works fine. Happened after the PC crashed yesterday.",
  ],
  [
    'scan-to-email-failing',
    "the copier in reception has stopped sending scans to people's email, panel says 'Authentication failed with SMTP server'. scan to USB still works. did microsoft change something? we got an email about basic auth a while back",
  ],
  [
    null,
    "Dexis in surgery 3 says 'Sensor not detected' when the nurse plugs in the intraoral x-ray sensor. Tried the other USB port. The surgery 2 sensor works on that same PC.",
  ],
  [
    'vpn-connected-no-access',
    "FortiClient says Connected (got a 10.212.134.x address) but I can't get to \\\\fs01 or the intranet, they just time out. Internet works fine while it's connected. Everything was fine in the office yesterday.",
  ],
  [
    'defender-quarantine',
    "Hi, I'm trying to install the update for our payroll software (downloaded from the vendor's site) but as soon as it finishes downloading it disappears. A popup said 'Threats found - Trojan:Win32/Wacatac.B!ml - action taken'. Vendor says it's a false positive. Can you let it through?",
  ],
  [
    'slow-pc-high-disk',
    "laptop is painfully slow all day, even opening file explorer takes a minute. task manager shows Disk at 100% constantly, top of the list is Service Host: SysMain and Antimalware Service Executable. it's one of the old ones with a spinning hard drive",
  ],
  [
    'email-going-to-spam',
    `Our quotes to customers keep landing in their junk folders, and one gmail customer bounced it back with:

550-5.7.26 This mail has been blocked because the sender is unauthenticated.
550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.

We moved the website hosting and DNS to a new company last month, not sure if that changed something.`,
  ],
  [null, 'not working again. same as last time'],
  [
    'monitor-dock-display',
    'Swapped to the new Dell WD19S dock on the hotdesk and both screens say No Signal then go to sleep. Laptop charges off it and the keyboard/mouse plugged into the dock work. Old dock was fine with the same cables.',
    { asset: 'MKT-LT14' },
  ],
  [
    'wifi-8021x-auth',
    "New laptop for Ben can't join STAFF-WIFI, says 'Can't connect to this network' after he puts in his domain login. Guest wifi works on it. NPS event in logs.",
    {
      logs: `Log Name:      Security
Source:        Microsoft-Windows-Security-Auditing
Event ID:      6273
Task Category: Network Policy Server
Level:         Information
Keywords:      Audit Failure
Computer:      NPS01.corp.local
Description:
Network Policy Server denied access to a user.

User:
    Security ID:                    CORP\\b.hughes
    Account Name:                   b.hughes
    Account Domain:                 CORP
    Fully Qualified Account Name:   corp.local/Staff/Ben Hughes

Client Machine:
    Security ID:                    NULL SID
    Account Name:                   -
    Calling Station Identifier:     A4-C3-F0-8B-21-7E

NAS:
    NAS IPv4 Address:               10.10.0.21
    NAS Identifier:                 AP-2ndFloor-03
    NAS Port-Type:                  Wireless - IEEE 802.11

Authentication Details:
    Connection Request Policy Name: Secure Wireless Connections
    Network Policy Name:            -
    Authentication Provider:        Windows
    Authentication Server:          NPS01.corp.local
    Authentication Type:            PEAP
    EAP Type:                       -

    Reason Code:                    48
    Reason:                         The connection request did not match any configured network policy.`,
    },
  ],
  [
    'password-expired-reset',
    "Back from 3 weeks leave and can't remember my password at all. Tried the 'Can't access your account?' link on the Microsoft login page but it says I can't reset my own password because I haven't registered. Can someone reset it? Ring me on my personal 07700 900412",
  ],
  [
    'teams-sign-in-error',
    "Teams won't let me in since the laptop was reimaged - I put my email in and it goes to 'We're sorry - we've run into an issue' with error code caa20002. Outlook and Edge are signed in fine on the same laptop.",
  ],
  [
    null,
    'New starter: Tom Reeves, Sales Exec, starting Mon 24th. Needs a laptop, email, and same access as Jo Price. Thanks',
  ],
  [
    'printer-driver-problem',
    "Since the new Kyocera driver got pushed out on Friday, anything I print from Acrobat comes out as pages and pages of '@PJL ENTER LANGUAGE = PCL' and random symbols. Word docs come out shrunk into the top corner. Only my PC, the person next to me prints fine to the same printer.",
  ],
  [
    'voip-phone-problems',
    "Since the ISP swapped the router on Monday, on outbound calls from the Yealink desk phones the other person can't hear us but we can hear them fine. Inbound calls seem ok. All 8 handsets the same.",
    { client: 'Brightwell Accountants' },
  ],
  [
    'entra-connect-sync',
    "new starter Aisha Khan was created in AD on Tuesday (copied from another user) but she still isn't in the 365 admin center so I can't assign her a licence. Admin center says last directory sync was 4 days ago. sync box is SRV-MGMT01",
  ],
  [
    'browser-site-issues',
    'the supplier portal (trade.brennanparts.co.uk) just shows a white page in chrome since tues, login button does nothing. works in edge and on my phone. every other site is fine',
  ],
  [null, 'the lights in the downstairs toilets keep flickering on and off'],
  [
    'rds-session-problems',
    "Several users on the terminal server (RDS01) get a black screen after they log in, just black with a cursor for 5+ minutes. Logging off and back on doesn't help, I've had to reset their sessions from Server Manager. Users already logged in are fine.",
  ],
  [
    'office-activation-unlicensed',
    "word and excel have a red bar across the top saying most features have been disabled and to sign in to activate. I sign in and it comes back with 'Sorry, we can't find a license for your account'. She's got Business Standard assigned in the portal. Started after her surname change on Monday.",
  ],
  [
    'ssh-publickey-denied',
    `can't get in to the new staging box as deploy. added my public key to authorized_keys from the hypervisor console already.

$ ssh -v deploy@10.20.0.15
...
debug1: Authentications that can continue: publickey
debug1: Next authentication method: publickey
debug1: Offering public key: /home/sam/.ssh/id_ed25519 ED25519 SHA256:Vx3mQ0cL8pR2tYkWn7sE4aFhJ1uZ6oBdG9iXq5vNcTM
debug1: Authentications that can continue: publickey
debug1: No more authentication methods to try.
deploy@10.20.0.15: Permission denied (publickey).`,
  ],
  [
    'mapped-drives-missing',
    'Every morning when I log in at the office my H: and S: drives have a red cross on them and say Disconnected. If I click on them they open after a few seconds, but anything that saves to S: fails until I do that. Been like this since I got the new laptop.',
  ],
  [
    null,
    "hinge on my laptop snapped on the left side, screen wobbles and the bezel's coming away. it still works. can I get it repaired or swapped?",
  ],
  [
    'windows-update-failing',
    "Updates on this one keep failing with 0x800f0922. Gets to the restart, 'Working on updates 100%', then 'We couldn't complete the updates. Undoing changes'. Tried 3 times. Other PCs in the office installed the same cumulative update fine.",
  ],
];

export const heldoutTickets: Ticket[] = rows.map(([expect, text, extra], index) => ({
  id: `t-h${String(index + 1).padStart(3, '0')}`,
  text,
  expect,
  ...extra,
}));
