export { createDeskRouter } from './create-desk-router.js';
export { DESK_CSRF_COOKIE } from './lib/desk-csrf.js';
export { DESK_NAME } from './lib/send-desk-page.js';
