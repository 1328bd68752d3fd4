import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PsaDelivery } from '../types';
import { DeliveryLine } from './psa-delivery-status';

const delivery = (overrides: Partial<PsaDelivery>): PsaDelivery => ({
  id: '7b1d4c1e-3f2a-4e5b-9c8d-1a2b3c4d5e6f',
  kind: 'resolution',
  status: 'pending',
  attempts: 0,
  last_error: null,
  next_attempt_at: null,
  delivered_at: null,
  note_id: null,
  time_entry_id: null,
  status_transition: {
    requested_status_id: '5',
    verified: null,
    actual_status_id: null,
    skipped_reason: null,
  },
  ticket: { provider: 'connectwise', ticket_id: '4711', ticket_number: '4711', url: null },
  ...overrides,
});

const text = (data: PsaDelivery, retryError?: string) =>
  renderToStaticMarkup(
    <DeliveryLine delivery={data} onRetry={() => {}} retrying={false} retryError={retryError} />,
  ).replace(/<[^>]+>/g, '');

describe('the closed-session banner’s PSA delivery line', () => {
  it('says it is posting on the first attempt, then Retrying (n) with the last reason', () => {
    expect(text(delivery({ attempts: 1 }))).toBe('Posting to the PSA…');
    expect(
      text(delivery({ attempts: 3, last_error: 'ConnectWise is unavailable (503); trying again shortly.' })),
    ).toBe('Retrying (3) · ConnectWise is unavailable (503); trying again shortly.');
  });

  it('shows a failure with the PSA’s reason and a Retry button, and why a retry was refused', () => {
    const html = renderToStaticMarkup(
      <DeliveryLine
        delivery={delivery({
          status: 'failed',
          attempts: 1,
          last_error: 'ConnectWise refused the note: member inactive',
        })}
        onRetry={() => {}}
        retrying={false}
      />,
    );
    expect(html).toContain('Failed: ConnectWise refused the note: member inactive');
    expect(html).toMatch(/<button[^>]*>.*Retry.*<\/button>/s);
    expect(
      text(delivery({ status: 'failed', last_error: 'refused' }), 'Only the session’s engineer can retry.'),
    ).toContain('Only the session’s engineer can retry.');
  });

  it('says Posted ✓, and whether the status move held', () => {
    const posted = { status: 'delivered' as const, delivered_at: '2026-12-04T10:00:00.000Z' };
    expect(
      text(
        delivery({
          ...posted,
          status_transition: {
            requested_status_id: '5',
            verified: true,
            actual_status_id: '5',
            skipped_reason: null,
          },
        }),
      ),
    ).toBe('Posted ✓ to ticket 4711 · status moved');
    expect(
      text(
        delivery({
          ...posted,
          status_transition: {
            requested_status_id: '5',
            verified: false,
            actual_status_id: '1',
            skipped_reason: 'The PSA accepted the status change but the ticket is still in status 1.',
          },
        }),
      ),
    ).toBe(
      'Posted ✓ to ticket 4711 · status not changed: The PSA accepted the status change but the ticket is still in status 1.',
    );
  });
});
