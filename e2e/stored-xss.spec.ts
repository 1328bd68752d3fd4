import { expect, test, type Locator, type Page } from '@playwright/test';
import { signUp } from './fixtures/pilot';
import { ClosedSessionBanner } from './pages/closed-session-banner';
import { ClosingPreviewDialog } from './pages/closing-preview-dialog';
import { FixBanner } from './pages/fix-banner';
import { PilotSessionPage } from './pages/pilot-session-page';
import { ScriptsPage } from './pages/scripts-page';
import { TemplateMatchPanel } from './pages/template-match-panel';

/*
 * Stored XSS (SPEC §6 "rendered markdown sanitised"): content users store — session facts,
 * script templates, posted resolution notes and escalation packages — is rendered back by the
 * real page and must stay inert text.
 *
 * Every HTML payload carries a `data-xss` attribute, so an element built from our markup is
 * found even when its handler never runs, and calls alert() and sets window.__pwned, so running
 * script shows up as a dialog or as the global being set. Each check also asserts that the
 * hostile text is on screen, so content that was simply not rendered fails the test.
 *
 * The server sends a CSP (`script-src 'self'`) that by itself blocks inline handlers. That is
 * defence in depth, but it would also hide a renderer that injects markup: `__pwned` would stay
 * unset. So every scenario runs twice: with the CSP as served (where a violation event counts as a
 * failure) and with the CSP bypassed (where only the rendering itself keeps the payload inert).
 */

const csrf = { 'x-flowpilot-csrf': '1' };

interface Payload {
  /** What is stored. */
  source: string;
  /** The text a safe markdown rendering shows for it (raw HTML stays literal text). */
  shows: string;
  /** For markdown links and images: the words that must not become a link. */
  linkText?: string;
}

const html = (source: string): Payload => ({ source, shows: source });

/** Raw HTML and attribute-breaking quotes: shown verbatim in plain text and in markdown alike. */
const HTML_PAYLOADS: Payload[] = [
  html(`<script data-xss>window.__pwned='script';alert('script')</script>`),
  html(`<img src=x data-xss onerror="window.__pwned='img';alert('img')">`),
  html(`<svg data-xss onload="window.__pwned='svg';alert('svg')"></svg>`),
  html(`<iframe data-xss srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`),
  html(`<a data-xss href="javascript:window.__pwned='anchor'">raw anchor</a>`),
  html(`"><img src=x data-xss onerror=window.__pwned='dq';alert('dq')>`),
  html(`' data-xss autofocus onfocus='window.__pwned="sq";alert("sq")' x='`),
  html(`</textarea></code></pre><img src=x data-xss onerror=window.__pwned='close'>`),
];

/** Markdown links and images to javascript: and data:text/html URLs. */
const MARKDOWN_PAYLOADS: Payload[] = [
  {
    source: `[md js link](javascript:window.__pwned='mdlink';alert('mdlink'))`,
    shows: 'md js link',
    linkText: 'md js link',
  },
  {
    source: `[md mixed-case link]( JaVaScRiPt:window.__pwned='case')`,
    shows: 'md mixed-case link',
    linkText: 'md mixed-case link',
  },
  {
    source: `[md data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)`,
    shows: 'md data link',
    linkText: 'md data link',
  },
  {
    source: `![md js image](javascript:window.__pwned='mdimg')`,
    shows: '[image: md js image]',
    linkText: '[image: md js image]',
  },
  {
    source: `![md data image](data:text/html,%3Cscript%3Ealert('mddataimg')%3C/script%3E)`,
    shows: '[image: md data image]',
    linkText: '[image: md data image]',
  },
  { source: `<javascript:window.__pwned='autolink'>`, shows: `javascript:window.__pwned='autolink'` },
];

const ALL_PAYLOADS = [...HTML_PAYLOADS, ...MARKDOWN_PAYLOADS];

/** A whole hostile document for the edited escalation package: block-level markdown too. */
const HOSTILE_MARKDOWN = [
  `# Escalation <img src=x data-xss onerror="window.__pwned='h1'"> heading`,
  '',
  `<script data-xss>window.__pwned='block-script'</script>`,
  '',
  `<div data-xss onmouseover="window.__pwned='div'">block div</div>`,
  '',
  ...ALL_PAYLOADS.map((payload) => `- ${payload.source}`),
  '',
  `| Column <svg data-xss onload="window.__pwned='th'"></svg> | Link |`,
  '|---|---|',
  `| cell "><img src=x data-xss onerror=window.__pwned='td'> | [table js link](javascript:window.__pwned='td') |`,
  '',
  `> quoted <iframe data-xss srcdoc="<script>parent.__pwned='quote'</script>"></iframe>`,
  '',
  'See [reference js link][evil] for details.',
  '',
  `[evil]: javascript:window.__pwned='reference'`,
  '',
  '```html',
  `<script data-xss>window.__pwned='fenced'</script>`,
  '```',
].join('\n');

const HOSTILE_MARKDOWN_SHOWS = [
  `<img src=x data-xss onerror="window.__pwned='h1'"> heading`,
  `<script data-xss>window.__pwned='block-script'</script>`,
  `<div data-xss onmouseover="window.__pwned='div'">block div</div>`,
  ...ALL_PAYLOADS.map((payload) => payload.shows),
  `<svg data-xss onload="window.__pwned='th'"></svg>`,
  `cell "><img src=x data-xss onerror=window.__pwned='td'>`,
  `quoted <iframe data-xss srcdoc="<script>parent.__pwned='quote'</script>"></iframe>`,
  'reference js link',
  `<script data-xss>window.__pwned='fenced'</script>`,
];

const MARKDOWN_LINK_TEXTS = MARKDOWN_PAYLOADS.flatMap((payload) =>
  payload.linkText ? [payload.linkText] : [],
);

const HOSTILE_MARKDOWN_LINK_TEXTS = [...MARKDOWN_LINK_TEXTS, 'table js link', 'reference js link'];

/** What the payloads would set, and what the guard records in the page. */
type ProbedWindow = Window & { __pwned?: unknown; __cspViolations?: string[] };

/**
 * Collects everything that would show a payload ran or was turned into markup: dialogs, page
 * errors, CSP violations (the CSP blocked something our rendering let through), window.__pwned,
 * and DOM nodes or attributes built from the payload.
 */
class XssGuard {
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('dialog', (dialog) => {
      this.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** Listens from the first page load on: call before anything is opened. */
  static async attach(page: Page): Promise<XssGuard> {
    await page.addInitScript(() => {
      const probed = window as ProbedWindow;
      probed.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        probed.__cspViolations?.push(`${event.violatedDirective}: ${event.sample || event.blockedURI}`);
      });
    });
    return new XssGuard(page);
  }

  /** The hostile texts are on screen as text, and nothing of them became markup or ran. */
  async expectInert(scope: Locator, shows: readonly string[], linkTexts: readonly string[] = []) {
    await expect(scope).toBeVisible();
    // Polled until the content is there; a failure lists both what is missing and what was injected.
    await expect
      .poll(
        async () => ({
          missingTexts: await missingTexts(scope, shows),
          injectedMarkup: await findInjectedMarkup(this.page),
        }),
        { message: 'hostile texts shown as text, and no markup built from them' },
      )
      .toEqual({ missingTexts: [], injectedMarkup: [] });
    for (const text of linkTexts) {
      await expect(scope.getByText(text, { exact: true }).first()).toBeVisible();
      await expect(scope.getByRole('link', { name: text })).toHaveCount(0);
    }
    await this.expectNothingRan();
  }

  async expectNothingRan(): Promise<void> {
    // Give an image error or an svg load event the chance to fire before looking.
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
    );
    expect(await findInjectedMarkup(this.page), 'markup built from a payload').toEqual([]);
    await expect(this.page.locator('a[href^="javascript:" i]')).toHaveCount(0);
    const probed = await this.page.evaluate(() => {
      const { __pwned, __cspViolations } = window as ProbedWindow;
      return { pwned: __pwned, cspViolations: __cspViolations ?? [] };
    });
    expect(probed.pwned, 'window.__pwned').toBeUndefined();
    expect(probed.cspViolations, 'CSP violations').toEqual([]);
    expect(this.dialogs, 'dialogs opened').toEqual([]);
    expect(this.pageErrors, 'uncaught page errors').toEqual([]);
  }
}

/** The texts not (yet) in the scope's text, whitespace collapsed as toContainText does. */
async function missingTexts(scope: Locator, texts: readonly string[]): Promise<string[]> {
  const collapse = (text: string) => text.replace(/\s+/g, ' ');
  const content = collapse((await scope.textContent()) ?? '');
  return texts.filter((text) => !content.includes(collapse(text)));
}

/** Elements and attributes a safe rendering never produces from user text, anywhere in the page. */
function findInjectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const urlAttributes = new Set([
      'href',
      'src',
      'srcdoc',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'poster',
      'background',
    ]);
    const problems: string[] = [];
    const describe = (element: Element) => element.outerHTML.slice(0, 200);
    for (const element of Array.from(document.querySelectorAll('*'))) {
      if (element.hasAttribute('data-xss')) problems.push(`payload element: ${describe(element)}`);
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`${name} attribute: ${describe(element)}`);
        if (!urlAttributes.has(name)) continue;
        // Browsers ignore whitespace and control characters inside a scheme.
        // eslint-disable-next-line no-control-regex
        const value = attribute.value.replace(/[\u0000-\u0020]+/g, '').toLowerCase();
        if (
          /^(javascript|vbscript):/.test(value) ||
          value.startsWith('data:text/html') ||
          name === 'srcdoc'
        ) {
          problems.push(`${name}="${attribute.value}": ${describe(element)}`);
        }
      }
    }
    for (const script of Array.from(document.querySelectorAll('script:not([src])'))) {
      problems.push(`inline script: ${describe(script)}`);
    }
    for (const frame of Array.from(document.querySelectorAll('iframe, frame, object, embed'))) {
      problems.push(`embedded document: ${describe(frame)}`);
    }
    return problems;
  });
}

async function createSession(page: Page, text: string): Promise<string> {
  const response = await page.request.post('/api/v1/ai-sessions', {
    headers: csrf,
    data: { intake_type: 'free_text', intake_content: { text } },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  // Let the assistant's first reply finish: the offline engine may propose a fix of its own,
  // which would supersede a fix the test posts next.
  await (await page.request.get(`/api/v1/ai-sessions/${id}/stream`)).text();
  return id;
}

async function addFact(page: Page, sessionId: string, text: string): Promise<void> {
  const response = await page.request.post(`/api/v1/ai-sessions/${sessionId}/facts`, {
    headers: csrf,
    data: { text },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Opens the session and waits until the assistant's first reply is done. */
async function openSession(page: Page, sessionId: string): Promise<PilotSessionPage> {
  const chat = new PilotSessionPage(page);
  await page.goto(`/pilot/${sessionId}`);
  await expect(chat.assistantMessages).toHaveCount(1, { timeout: 20_000 });
  await chat.waitForReplyToFinish();
  return chat;
}

const uniqueTag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface TemplateParameter {
  name: string;
  label: string;
  type: 'string' | 'enum' | 'boolean';
  required?: boolean;
  default: string | boolean;
  options?: string[];
  help?: string;
}

/** A template whose every user-written field is hostile; all parameters have defaults. */
function hostileTemplate(tag: string) {
  return {
    name: `XSS ${tag} <img src=x data-xss onerror="window.__pwned='name'"> "><svg data-xss onload=alert('name')>`,
    description: HTML_PAYLOADS.map((payload) => payload.source).join('\n'),
    language: 'powershell',
    category: `<script data-xss>alert('category')</script>`,
    body: [
      `# ${HTML_PAYLOADS.map((payload) => payload.source).join('\n# ')}`,
      `# ${MARKDOWN_PAYLOADS.map((payload) => payload.source).join('\n# ')}`,
      'Write-Host {{target}}',
      'Write-Host {{mode}}',
    ].join('\n'),
    parameters_schema: [
      {
        name: 'target',
        label: `Target "><img src=x data-xss onerror="window.__pwned='label'">`,
        type: 'string',
        required: true,
        default: `'; Remove-Item C:\\ -Recurse; '<script data-xss>alert('default')</script>`,
        help: `<svg data-xss onload="window.__pwned='help'"></svg> [help js link](javascript:alert('help'))`,
      },
      {
        name: 'mode',
        label: `Mode ' data-xss onfocus='alert("mode")`,
        type: 'enum',
        required: true,
        options: [`"><img src=x data-xss onerror=alert('option')>`, 'safe'],
        default: 'safe',
      },
      {
        name: 'force',
        label: `Force <svg data-xss onload=alert('bool')></svg>`,
        type: 'boolean',
        default: false,
        help: `<img src=x data-xss onerror=alert('bool-help')>`,
      },
    ] satisfies TemplateParameter[],
  };
}

for (const csp of ['as served', 'bypassed'] as const) {
  test.describe(`stored XSS stays inert (CSP ${csp})`, () => {
    test.use({ bypassCSP: csp === 'bypassed', viewport: { width: 1400, height: 900 } });

    test('session facts in "What we know" render as text', async ({ page }) => {
      const guard = await XssGuard.attach(page);
      await signUp(page, 'xss-facts');
      const sessionId = await createSession(page, 'Printer offline on PC-042');
      for (const payload of ALL_PAYLOADS.slice(1)) await addFact(page, sessionId, payload.source);

      const chat = await openSession(page, sessionId);
      // One note goes in through the task lane's own form.
      const first = ALL_PAYLOADS[0]!.source;
      const noteInput = chat.whatWeKnow.getByRole('textbox', { name: 'Add a note' });
      await noteInput.fill(first);
      await chat.whatWeKnow.getByRole('button', { name: 'Add note', exact: true }).click();
      await expect(noteInput).toHaveValue(''); // cleared once the note is saved

      // Facts are plain text: every payload shows verbatim, markdown included.
      const sources = ALL_PAYLOADS.map((payload) => payload.source);
      await guard.expectInert(chat.whatWeKnow, sources);
      await expect(chat.whatWeKnow.getByRole('button', { name: `Remove: ${first}` })).toBeVisible();

      await page.reload();
      await guard.expectInert(chat.whatWeKnow, sources);
    });

    test('script template names, bodies, parameter labels and previews render as text', async ({ page }) => {
      const guard = await XssGuard.attach(page);
      const scripts = new ScriptsPage(page);
      await signUp(page, 'xss-templates');
      const template = hostileTemplate(uniqueTag());
      const created = await page.request.post('/api/v1/script-templates', { headers: csrf, data: template });
      expect(created.status(), await created.text()).toBe(201);
      const templateId = ((await created.json()) as { id: string }).id;

      // A pending draft with a hostile name and script, for the owner's review queue.
      const sessionId = await createSession(page, 'Print spooler stops on FS01');
      const fix = await page.request.post(`/api/v1/ai-sessions/${sessionId}/suggested-fixes`, {
        headers: csrf,
        data: {
          title: `Draft <img src=x data-xss onerror=alert('fix')>`,
          description: 'Restart the spooler.',
          script_language: 'powershell',
          ai_drafted_script: HTML_PAYLOADS.map((payload) => `# ${payload.source}`).join('\n'),
        },
      });
      expect(fix.status(), await fix.text()).toBe(201);
      const fixBody = (await fix.json()) as { id?: string; fix?: { id: string } };
      const draftName = `Draft ${uniqueTag()} "><svg data-xss onload=alert('draft')>`;
      const decision = await page.request.post(
        `/api/v1/ai-sessions/${sessionId}/suggested-fixes/${fixBody.fix?.id ?? fixBody.id}/decision`,
        { headers: csrf, data: { decision: 'draft_template', template_name: draftName } },
      );
      expect(decision.status(), await decision.text()).toBe(200);

      await scripts.goto();
      await expect(scripts.heading).toBeVisible();
      const draft = scripts.draft(draftName);
      await guard.expectInert(draft, [draftName, ...HTML_PAYLOADS.map((payload) => `# ${payload.source}`)]);

      // The library list: name and category.
      const item = scripts.template(`XSS `);
      await guard.expectInert(item, [template.name, template.category]);

      // The detail: name, description, body, labels, help; the preview renders the default value.
      await item.getByRole('button').click();
      await expect(scripts.detail).toBeVisible();
      const [target, mode, force] = template.parameters_schema;
      await guard.expectInert(scripts.detail, [
        template.name,
        ...HTML_PAYLOADS.map((payload) => payload.source),
        ...MARKDOWN_PAYLOADS.map((payload) => `# ${payload.source}`),
        target!.label,
        target!.help!,
        mode!.label,
        force!.label,
        force!.help!,
      ]);
      await expect(scripts.detail.getByLabel(target!.label, { exact: true })).toHaveValue(
        String(target!.default),
      );
      await expect(scripts.detail.getByLabel(force!.label, { exact: true })).not.toBeChecked();
      const modeSelect = scripts.detail.getByLabel(mode!.label, { exact: true });
      await expect(modeSelect.getByRole('option', { name: mode!.options![0]!, exact: true })).toHaveCount(1);
      await guard.expectInert(scripts.preview, ['<script data-xss>alert(']);

      // A value typed into the form comes back from the server in the preview as a quoted
      // PowerShell literal (a ' doubled), still text.
      const typed = `"><svg data-xss onload="window.__pwned='typed'"></svg>`;
      await scripts.detail.getByLabel(target!.label, { exact: true }).fill(typed);
      await modeSelect.selectOption(mode!.options![0]!);
      await guard.expectInert(scripts.preview, [
        `Write-Host '"><svg data-xss onload="window.__pwned=''typed''"></svg>'`,
        `Write-Host '"><img src=x data-xss onerror=alert(''option'')>'`,
      ]);

      // The same template in a pilot session's task lane (Apply → TemplateMatchPanel).
      const banner = new FixBanner(page);
      const panel = new TemplateMatchPanel(page);
      const templated = await page.request.post(`/api/v1/ai-sessions/${sessionId}/suggested-fixes`, {
        headers: csrf,
        data: {
          title: 'Use the hostile template',
          description: 'From the library.',
          script_template_id: templateId,
        },
      });
      expect(templated.status(), await templated.text()).toBe(201);
      await openSession(page, sessionId);
      await banner.apply.click();
      await guard.expectInert(panel.panel, [
        template.name,
        ...HTML_PAYLOADS.map((payload) => payload.source),
      ]);
      await panel.editParameters.click();
      await guard.expectInert(panel.panel, [target!.label, mode!.label, force!.label]);
      await panel.generate.click();
      await guard.expectInert(panel.script, ['<script data-xss>alert(']);
    });

    test('a resolution note composed from hostile facts renders as text in the preview and once posted', async ({
      page,
    }) => {
      const guard = await XssGuard.attach(page);
      const preview = new ClosingPreviewDialog(page, 'Resolution note');
      const closed = new ClosedSessionBanner(page);
      await signUp(page, 'xss-resolve');
      const sessionId = await createSession(page, 'Mapped drive S: missing after logon');
      for (const payload of ALL_PAYLOADS) await addFact(page, sessionId, payload.source);
      const chat = await openSession(page, sessionId);

      await chat.resolveButton.click();
      await expect(preview.dialog).toBeVisible();
      // The editable markdown holds the payloads as text (the composer lists each fact).
      for (const payload of ALL_PAYLOADS) {
        await expect(preview.markdown).toHaveValue(new RegExp(escapeRegExp(payload.source)));
      }
      await guard.expectNothingRan();

      const shows = ALL_PAYLOADS.map((payload) => payload.shows);
      await preview.previewTab.click();
      await guard.expectInert(preview.rendered, shows, MARKDOWN_LINK_TEXTS);

      // Posted untouched: the server composes the note again and the closed view renders it.
      await preview.post.click();
      await expect(preview.dialog).toBeHidden();
      await expect(closed.heading).toHaveText(/^Resolved on /);
      await guard.expectInert(closed.note, shows, MARKDOWN_LINK_TEXTS);

      await page.reload();
      await guard.expectInert(closed.note, shows, MARKDOWN_LINK_TEXTS);
    });

    test('an edited escalation package with hostile markdown renders as text in the preview and once posted', async ({
      page,
    }) => {
      const guard = await XssGuard.attach(page);
      const preview = new ClosingPreviewDialog(page, 'Escalation package');
      const closed = new ClosedSessionBanner(page);
      await signUp(page, 'xss-escalate');
      const sessionId = await createSession(page, 'VPN drops every 10 minutes');
      const chat = await openSession(page, sessionId);

      await chat.escalateButton.click();
      await expect(preview.dialog).toBeVisible();
      await expect(preview.markdown).toHaveValue(/# Escalation: /);
      await preview.markdown.fill(HOSTILE_MARKDOWN);
      await expect(preview.markdown).toHaveValue(HOSTILE_MARKDOWN);

      await preview.previewTab.click();
      await guard.expectInert(preview.rendered, HOSTILE_MARKDOWN_SHOWS, HOSTILE_MARKDOWN_LINK_TEXTS);

      await preview.post.click();
      await expect(preview.dialog).toBeHidden();
      await expect(closed.heading).toHaveText(/^Escalated on /);
      await guard.expectInert(closed.note, HOSTILE_MARKDOWN_SHOWS, HOSTILE_MARKDOWN_LINK_TEXTS);

      // Stored as written: the server hands back the same text, rendered just as inertly.
      const stored = await page.request.get(`/api/v1/ai-sessions/${sessionId}`);
      expect(((await stored.json()) as { escalation_package: string }).escalation_package).toBe(
        HOSTILE_MARKDOWN,
      );
      await page.reload();
      await guard.expectInert(closed.note, HOSTILE_MARKDOWN_SHOWS, HOSTILE_MARKDOWN_LINK_TEXTS);
    });
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
