import { describe, expect, it } from '@jest/globals';
import { readQrPng } from '../../../../test/helpers/read-qr.js';
import { renderQrPng, renderQrSvg } from '../../src/qr/render-qr.js';

const LINK = 'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example.nhs.uk%2Forgs%2Fo1%2Foid4vci%2Foffers%2Fabc';

describe('renderQrPng and renderQrSvg', () => {
  it('renders a PNG a QR reader decodes back to the same link', async () => {
    expect(readQrPng(await renderQrPng(LINK))).toBe(LINK);
  });

  it('renders an SVG image', async () => {
    const svg = await renderQrSvg(LINK);
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<path');
  });
});
