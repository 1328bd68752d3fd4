import { isModelError } from './chat-model.ts';

export interface ReplyFailure {
  code: string;
  detail: string;
  retryable: boolean;
}

/**
 * What an engineer reads when a reply fails: the cause in plain words, what was kept,
 * and whether trying again can help. `kept` names what survived ("Your message is saved").
 */
export function describeModelError(error: unknown, kept: string): ReplyFailure {
  if (isModelError(error)) {
    const cause =
      error.kind === 'timeout'
        ? 'The assistant took too long to answer.'
        : error.kind === 'rate_limited'
          ? 'The assistant is rate-limited right now.'
          : error.kind === 'aborted'
            ? 'The reply was interrupted.'
            : 'The assistant is unavailable right now.';
    return {
      code: `model_${error.kind}`,
      detail: `${cause} ${kept}; retry when ready.`,
      retryable: error.retryable || error.kind === 'aborted',
    };
  }
  return {
    code: 'generation_failed',
    detail: `The reply could not be completed. ${kept}; retry.`,
    retryable: true,
  };
}
