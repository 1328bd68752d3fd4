/**
 * After a failed submit, moves focus to the first field the server rejected, so keyboard and
 * screen-reader users land on the message instead of hunting for it. Runs after React has
 * rendered the error state.
 */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
