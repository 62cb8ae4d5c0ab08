export { buildCollectionMetadata } from './build-collection-metadata.js';
export { exchangeAuthorizationCode, type AuthorizationCodeTokenResponse } from './exchange-authorization-code.js';
export { finishStaffAuthorization } from './finish-staff-authorization.js';
export { getStaffCollectionSettings } from './get-staff-collection-settings.js';
export { holdOfferForPerson, parsePersonNumber, type DeliverTo, type HeldOffer } from './hold-offer-for-person.js';
export { AUTHORIZATION_CODE_GRANT, collectionCallbackFor } from './lib/collection-settings.js';
export { setPersonClaim, type StaffCollectionSettings } from './set-person-claim.js';
export { startStaffAuthorization, type AuthorizationRedirect } from './start-staff-authorization.js';
