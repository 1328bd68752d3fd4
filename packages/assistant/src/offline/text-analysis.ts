/**
 * Tokenisation for the offline engine's retrieval: lower-case, domain synonyms folded,
 * stop words dropped, and a light suffix-stripping stemmer. It only has to be consistent
 * (the same rules index the playbooks and read the engineer's text), not linguistically right.
 */

const stopWords = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by
  can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has
  hasn't have haven't having he her here hers herself him himself his how i i'm if in into is isn't it it's its itself just let's
  me more most my myself no nor not now of off on once only or other ought our ours ourselves out over own same she should so
  some such than that that's the their theirs them themselves then there there's these they they're this those through to too
  under until up very was wasn't we we're were weren't what when where which while who whom why will with won't would wouldn't
  yes yeah yep you your yours yourself yourselves also get gets got getting keep keeps kept still please help hi hello thanks
  thank user users client customer issue issues problem problems ticket since today anymore really just one`
    .split(/\s+/)
    .filter(Boolean),
);

/** Multi-word or spelled-variant terms folded to one token before splitting. */
const phraseSynonyms: [RegExp, string][] = [
  [/\bwi-?fi\b|\bwireless\b|\bwlan\b/g, ' wifi '],
  [/\be-?mails?\b/g, ' email '],
  [/\b(?:office|microsoft) ?365\b|\bo365\b|\bm365\b/g, ' microsoft365 '],
  [/\b(?:2fa|two[- ]factor|multi[- ]factor|mfa)\b/g, ' mfa '],
  [/\bremote desktop\b|\bmstsc\b/g, ' rdp '],
  // A VPN client's name says the ticket is about the VPN, whichever way it fails.
  [/\b(forticlient|anyconnect|globalprotect|openvpn|wireguard|pulse secure)\b/g, ' vpn $1 '],
  [/\bone ?drive\b/g, ' onedrive '],
  [/\bbit ?locker\b/g, ' bitlocker '],
  [/\bpass ?words?\b|\bpwd\b|\bpw\b/g, ' password '],
  [/\blog ?(?:on|in)\b|\bsign ?(?:on|in)\b/g, ' logon '],
  [/\block(?:ed)? ?out\b|\blockouts?\b/g, ' lockout '],
  [/\bssl\b|\btls\b|\bcerts?\b/g, ' certificate '],
  [/\blet'?s ?encrypt\b/g, ' letsencrypt '],
  [/\bno space left\b/g, ' disk full '],
  [/\b169\.254(?:\.\d+){0,2}\b/g, ' apipa '],
  [/\baad\b|\bazure ad\b|\bentra(?: id)?\b/g, ' entra '],
  [/\bcopiers?\b|\bmfps?\b|\bmultifunction\b/g, ' copier '],
];

export function normalizeText(text: string): string {
  let value = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  for (const [pattern, replacement] of phraseSynonyms) value = value.replace(pattern, replacement);
  return value;
}

/** Strips common English suffixes; leaves short words alone so "sync" and "vpn" survive. */
export function stem(word: string): string {
  let token = word;
  if (token.length <= 3) return token;
  if (token.endsWith("'s")) token = token.slice(0, -2);
  const rules: [string, string][] = [
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['ers', ''],
    ['er', ''],
    ['ly', ''],
    ['s', ''],
  ];
  for (const [suffix, replacement] of rules) {
    if (
      token.endsWith(suffix) &&
      token.length - suffix.length + replacement.length >= 3 &&
      !token.endsWith('ss')
    ) {
      token = token.slice(0, token.length - suffix.length) + replacement;
      break;
    }
  }
  // "mapped" -> "mapp" -> "map", "stopped" -> "stop"
  if (/([bdfgklmnprt])\1$/.test(token)) token = token.slice(0, -1);
  // "drive"/"driv", "prompte"... keep the stem of "e"-words aligned with their inflections.
  if (token.endsWith('e') && token.length > 4) token = token.slice(0, -1);
  return token;
}

/** Content tokens of a text: normalised, stop words removed, stemmed. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of normalizeText(text).split(/[^a-z0-9']+/)) {
    const word = raw.replace(/^'+|'+$/g, '');
    if (word.length < 2 || stopWords.has(word)) continue;
    if (/^\d+$/.test(word) && word.length < 3) continue;
    tokens.push(stem(word));
  }
  return tokens;
}
