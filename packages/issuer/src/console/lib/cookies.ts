/** Cookie reading, the Secure attribute and sealed JSON values, shared with the verifier desk through core. */
export { openSealedJson, sealJson } from '@staff-passport/core';
export { readCookie, secureCookieAttribute as secureAttribute } from '@staff-passport/web-kit';
