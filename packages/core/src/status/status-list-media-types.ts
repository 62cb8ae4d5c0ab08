// Its own file: the browser-safe status check reads these without the signing code.

/** The JWT `typ` of a Status List Token (draft-ietf-oauth-status-list, section 5.1). */
export const STATUS_LIST_JWT_TYPE = 'statuslist+jwt';

/** The media type a Status List Token is served and requested as (section 8.1). */
export const STATUS_LIST_JWT_MEDIA_TYPE = 'application/statuslist+jwt';
