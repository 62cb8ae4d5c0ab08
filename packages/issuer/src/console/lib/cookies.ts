/** Cookie reading, the Secure attribute and sealed JSON values, shared with the verifier desk through core. */
export { openSealedJson, readCookie, sealJson, secureCookieAttribute as secureAttribute } from '@staff-passport/core';
