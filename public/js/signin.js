// @ts-check
// The sign-in form both screens show when they have no credentials or the server refused them.
// Values go to sessionStorage only (session.js); the form never submits anywhere.

/**
 * @param {HTMLFormElement} form
 * @param {string | null} error shown above the button, or null
 * @param {(values: { token: string | null, agentId: string | null }) => void} onSubmit
 */
export function showSignIn(form, error, onSubmit) {
  form.hidden = false;
  const errorEl = form.querySelector('.error');
  if (errorEl instanceof HTMLElement) {
    errorEl.textContent = error ?? '';
    errorEl.hidden = !error;
  }
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const get = (/** @type {string} */ name) => {
      const v = data.get(name);
      return typeof v === 'string' && v.trim() ? v.trim() : null;
    };
    form.hidden = true;
    onSubmit({ token: get('token'), agentId: get('agentId') });
  };
  const first = form.querySelector('input');
  if (first) first.focus();
}
