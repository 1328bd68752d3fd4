import { useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { TextAreaField, TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useCreateSession } from '../api/create-session';
import { usePsaConnection } from '../../psa/api/get-psa-connection';
import { PsaTicketPicker } from '../../psa/components/psa-ticket-picker';
import { providerNames } from '../../psa/components/psa-settings';
import type { CreateSessionRequest, IntakeType } from '../types';
import type { AttachmentDraftSlot } from '../attachment-slots';

type Mode = 'free_text' | 'ticket';

const FIELDS = ['text', 'ticket_ref', 'client_name', 'asset_name', 'logs', 'title', 'intake_type'] as const;

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: 'free_text', label: 'Describe the problem', hint: 'What the user sees, in your words' },
  { value: 'ticket', label: 'From a ticket', hint: 'Ticket reference, client and asset' },
];

/** Only what was filled in is sent; blank optional fields are left out, not sent empty. */
function buildRequest(mode: Mode, form: FormData): CreateSessionRequest {
  const value = (name: string) => String(form.get(name) ?? '').trim();
  const logs = String(form.get('logs') ?? '');
  const content: NonNullable<CreateSessionRequest['intake_content']> = { text: value('text') };
  if (mode === 'ticket') {
    if (value('ticket_ref')) content.ticket_ref = value('ticket_ref');
    if (value('client_name')) content.client_name = value('client_name');
    if (value('asset_name')) content.asset_name = value('asset_name');
  }
  if (logs.trim()) content.logs = logs;
  const intakeType: IntakeType = content.logs ? 'combined' : mode;
  return { intake_type: intakeType, intake_content: content };
}

interface NewSessionFormProps {
  onCancel: () => void;
  /** Screenshots and log files for the intake (composed in by the route). */
  attachments?: AttachmentDraftSlot | undefined;
}

/** The intake: a problem description or a ticket, optional logs; opens the chat once created. */
export function NewSessionForm({ onCancel, attachments }: NewSessionFormProps) {
  const createSession = useCreateSession();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<Mode>('free_text');
  const [missingText, setMissingText] = useState(false);
  const legendId = useId();
  // With a PSA connected, ticket mode picks a real ticket; "by hand" keeps the typed fields.
  const psa = usePsaConnection();
  const psaProvider = psa.data?.provider ?? null;
  const [byHand, setByHand] = useState(false);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const fromPsa = mode === 'ticket' && psaProvider !== null && !byHand;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (fromPsa) {
      if (!ticketId) {
        setMissingText(true);
        return;
      }
      setMissingText(false);
      createSession.mutate(
        { intake_type: 'ticket', psa_ticket_id: ticketId },
        { onSuccess: (session) => void navigate(`/pilot/${session.id}`) },
      );
      return;
    }
    const request = buildRequest(mode, new FormData(event.currentTarget));
    if (!request.intake_content?.text) {
      setMissingText(true);
      focusFirstInvalid(formRef.current);
      return;
    }
    setMissingText(false);
    if (attachments?.ids.length) request.attachment_ids = [...attachments.ids];
    createSession.mutate(request, {
      onSuccess: (session) => {
        attachments?.clear();
        void navigate(`/pilot/${session.id}`);
      },
      onError: () => focusFirstInvalid(formRef.current),
    });
  };

  const fieldError = (name: string) =>
    isApiError(createSession.error) ? createSession.error.fieldError(name) : undefined;

  return (
    <form
      ref={formRef}
      onSubmit={handleSubmit}
      noValidate
      className="space-y-4"
      onDragOver={(event) => {
        if (attachments && event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={attachments?.onDrop}
    >
      <FormError error={createSession.error} fields={FIELDS} />

      <fieldset aria-labelledby={legendId}>
        <legend id={legendId} className="mb-1.5 text-[13px] font-medium text-zinc-200">
          Start from
        </legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {MODES.map((option) => (
            <label
              key={option.value}
              className={cn(
                'flex cursor-pointer items-start gap-2.5 rounded-md px-3 py-2.5 ring-1 ring-inset transition-colors',
                'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-400',
                mode === option.value
                  ? 'bg-sky-950/40 ring-sky-700/70'
                  : 'bg-zinc-900 ring-zinc-800 hover:ring-zinc-700',
              )}
            >
              <input
                type="radio"
                name="intake_mode"
                value={option.value}
                checked={mode === option.value}
                onChange={() => setMode(option.value)}
                className="mt-0.5 accent-sky-400 focus-visible:outline-none"
              />
              <span className="min-w-0">
                <span className="block text-[13px] font-medium text-zinc-100">{option.label}</span>
                <span className="block text-xs text-zinc-400">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {fromPsa && psaProvider && (
        <>
          <PsaTicketPicker
            selectedId={ticketId}
            onSelect={setTicketId}
            providerName={providerNames[psaProvider]}
          />
          {missingText && !ticketId && (
            <p className="text-[13px] text-red-300">Pick a ticket to start a session.</p>
          )}
          <Button variant="ghost" size="sm" onClick={() => setByHand(true)}>
            Enter ticket details by hand
          </Button>
        </>
      )}

      {mode === 'ticket' && !fromPsa && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Ticket ref"
            name="ticket_ref"
            autoComplete="off"
            placeholder="e.g. INC-10423"
            error={fieldError('ticket_ref')}
          />
          <TextField label="Client" name="client_name" autoComplete="off" error={fieldError('client_name')} />
          <TextField
            label="Asset"
            name="asset_name"
            autoComplete="off"
            placeholder="e.g. LAPTOP-0231"
            error={fieldError('asset_name')}
          />
        </div>
      )}

      {!fromPsa && (
        <>
          <TextAreaField
            label="Problem description"
            name="text"
            rows={4}
            required
            placeholder="Outlook keeps prompting for a password since this morning; OWA works…"
            error={missingText ? 'Describe the problem to start a session.' : fieldError('text')}
            hint={
              attachments
                ? 'What the user sees, the exact error, who is affected and since when. Paste or drop a screenshot here.'
                : 'What the user sees, the exact error, who is affected and since when.'
            }
            onPaste={attachments?.onPaste}
          />
          {attachments && (
            <div className="space-y-1.5">
              <div className="flex items-center gap-2">
                {attachments.button}
                <span className="text-xs text-zinc-400">Screenshots or log files, up to 10 MB each</span>
              </div>
              {attachments.tray}
            </div>
          )}
          <TextAreaField
            label="Logs"
            name="logs"
            rows={2}
            spellCheck={false}
            className="font-mono text-[12.5px]"
            hint="Optional: event log lines, error output or a trace."
            error={fieldError('logs')}
          />
        </>
      )}

      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button variant="ghost" onClick={onCancel} disabled={createSession.isPending}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant="primary"
          isLoading={createSession.isPending}
          disabled={attachments?.isUploading}
        >
          Start session
        </Button>
      </div>
    </form>
  );
}
