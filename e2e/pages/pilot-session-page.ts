import type { Locator, Page } from '@playwright/test';

/** /pilot/:id: the chat, the task lane and the fix banner. */
export class PilotSessionPage {
  readonly title: Locator;
  readonly conversation: Locator;
  readonly assistantMessages: Locator;
  readonly message: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly resolveButton: Locator;
  readonly escalateButton: Locator;
  readonly taskLane: Locator;
  readonly questions: Locator;
  readonly checks: Locator;
  readonly whatWeKnow: Locator;
  readonly fixProposal: Locator;
  /** The transcript's first card: the intake as the engineer wrote it. */
  readonly intake: Locator;
  /** The header's session-level confidence ("Assistant's confidence: Guided · 95%"). */
  readonly sessionConfidence: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.conversation = page.getByRole('region', { name: 'Conversation' });
    this.assistantMessages = this.conversation.getByRole('listitem').filter({ hasText: /^Assistant/ });
    this.message = page.getByRole('textbox', { name: 'Message', exact: true });
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.resolveButton = page.getByRole('button', { name: 'Resolve', exact: true });
    this.escalateButton = page.getByRole('button', { name: 'Escalate', exact: true });
    this.taskLane = page.getByRole('complementary', { name: 'Task lane' });
    this.questions = this.taskLane.getByRole('region', { name: /^Questions/ });
    this.checks = this.taskLane.getByRole('region', { name: /^Diagnostic checks/ });
    this.whatWeKnow = this.taskLane.getByRole('region', { name: /^What we know/ });
    this.fixProposal = page.getByRole('region', { name: 'Fix proposal' });
    this.intake = this.conversation.getByRole('listitem').filter({ hasText: /^Intake/ });
    this.sessionConfidence = page.getByTitle(/^How sure the assistant is about the cause/);
  }

  /** The assistant has finished replying: Send is back (given a draft) and nothing streams. */
  async waitForReplyToFinish(): Promise<void> {
    await this.stopButton.waitFor({ state: 'hidden' });
    await this.page.getByText(/Thinking…|Still waiting for the assistant/).waitFor({ state: 'hidden' });
  }

  async send(text: string): Promise<void> {
    await this.message.fill(text);
    await this.sendButton.click();
  }
}
