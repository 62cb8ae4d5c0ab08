/** The media type of a VC secured with JOSE (VC-JOSE-COSE, section 3.1). Its own file: browser code reads it. */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
