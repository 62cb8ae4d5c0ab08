/**
 * Runs `work` with the form marked busy: its buttons disabled (no second submit while the network
 * answers) and `message` announced in the page's status region. Always restores the form.
 *
 * @example
 * await runBusy(form, 'Checking the offer', () => wallet.readCredentialOffer(link));
 */
export async function runBusy<T>(form: HTMLFormElement, message: string, work: () => Promise<T>): Promise<T> {
  const buttons = Array.from(form.querySelectorAll<HTMLButtonElement>('button'));
  const status = document.getElementById('app-status');
  form.setAttribute('aria-busy', 'true');
  for (const b of buttons) b.disabled = true;
  if (status) status.textContent = `${message}…`;
  try {
    return await work();
  } finally {
    form.removeAttribute('aria-busy');
    for (const b of buttons) b.disabled = false;
    if (status) status.textContent = '';
  }
}
