// The formats an offer delivered, as HR reads them on the offer page (issue 21: not "dc sd jwt").
import { describe, expect, it } from '@jest/globals';
import { configurationIdFor, OFFER_FORMATS } from '../../../../src/oid4vci/index.js';
import { formatName } from '../../../../src/console/issue/lib/format-name.js';

describe('formatName', () => {
  it('names every format the issuer offers in words, never by its protocol identifier', () => {
    const names = OFFER_FORMATS.map((format) => formatName('DbsCheck', configurationIdFor('DbsCheck', format)));
    expect(names).toEqual(['JWT credential (VC-JOSE)', 'SD-JWT credential (the person can share parts of it)', 'JSON-LD credential (Data Integrity proof)']);
  });

  it('keeps a configuration it does not know as it is', () => {
    expect(formatName('DbsCheck', 'DbsCheck_mso_mdoc')).toBe('mso_mdoc');
  });
});
