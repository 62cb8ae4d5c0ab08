// The page kit's markup template and NHS.UK components: the only part of web-kit that runs in
// browsers (the web wallet's screens). Nothing reached from here may import a Node module, express
// or the rest of web-kit (checked by test/browser-entry.test.ts and by dependency-cruiser).
export { SafeHtml, escapeHtml, html, rawHtml } from './pages/html.js';
export {
  backLink,
  button,
  checkboxes,
  errorFor,
  errorSummary,
  insetText,
  notificationBanner,
  radios,
  selectField,
  summaryList,
  table,
  tag,
  textInput,
  textarea,
  warningCallout,
} from './pages/nhs-components.js';
export type {
  ButtonOptions,
  Choice,
  ChoiceGroupOptions,
  FieldError,
  FieldOptions,
  SelectOptions,
  SummaryListOptions,
  SummaryRow,
  TableOptions,
  TagColour,
  TextInputOptions,
  TextareaOptions,
} from './pages/nhs-components.js';
