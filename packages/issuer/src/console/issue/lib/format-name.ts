// The credential formats an offer delivers, as HR reads them (the configuration ids' suffixes are
// protocol identifiers: `dc_sd_jwt` is not a name).
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  jwt_vc_json: 'JWT credential (VC-JOSE)',
  dc_sd_jwt: 'SD-JWT credential (the person can share parts of it)',
  ldp_vc: 'JSON-LD credential (Data Integrity proof)',
};

/**
 * The format of a delivery, by its credential configuration id (`DbsCheck_dc_sd_jwt`), as words.
 *
 * @example
 * formatName('DbsCheck', 'DbsCheck_dc_sd_jwt'); // 'SD-JWT credential (the person can share parts of it)'
 */
export function formatName(type: string, configurationId: string): string {
  const suffix = configurationId.startsWith(`${type}_`) ? configurationId.slice(type.length + 1) : configurationId;
  return FORMAT_NAMES[suffix] ?? suffix;
}
