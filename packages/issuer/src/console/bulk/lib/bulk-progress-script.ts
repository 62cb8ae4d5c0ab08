import { buildPollingScript } from '../../lib/build-polling-script.js';

/** Where the job page's script is served (same origin: the pages' content security policy allows only that). */
export const BULK_PROGRESS_SCRIPT_PATH = '/console/assets/bulk-job-progress.js';

/**
 * The job page's enhancement: asks for the job's progress every second and moves the bar and its
 * words (a polite live region); once the job has finished, loads the page again for the counts
 * and the row-error report. Without JavaScript the page's refresh link does it.
 */
export const BULK_PROGRESS_SCRIPT = buildPollingScript({
  purpose: "keeps a bulk job's progress bar moving.",
  urlAttribute: 'data-job-progress-url',
  startWhen: "root.getAttribute('data-job-finished') !== 'true'",
  setup: `
const bar = document.getElementById('job-progress');
const text = document.getElementById('job-progress-text');
const state = document.getElementById('job-state');
`,
  onAnswer: `
if (bar) {
  if (body.max === null) {
    bar.removeAttribute('value');
  } else {
    bar.max = Math.max(body.max, 1);
    bar.value = body.value;
  }
  bar.textContent = body.text;
}
if (text && text.textContent !== body.text) text.textContent = body.text;
if (state) {
  state.textContent = body.state.text;
  state.className = 'nhsuk-tag nhsuk-tag--' + body.state.colour;
}
if (body.finished) {
  window.location.reload();
  return;
}
`,
  everyMs: 1000,
});
