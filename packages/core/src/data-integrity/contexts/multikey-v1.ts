// https://w3id.org/security/multikey/v1, byte for byte as published in @digitalbazaar/multikey-context@2.0.1, contexts/multikey-v1.jsonld.
// SHA-256 c5f3806f8286920573221938917988a18a4cc5a09e968d29649613c7a1c2b1f6 (checked by test/data-integrity/contexts.test.ts). Do not edit.
/** The https://w3id.org/security/multikey/v1 JSON-LD context document, as published. */
export const MULTIKEY_V1_CONTEXT = String.raw`{
  "@context": {
    "id": "@id",
    "type": "@type",
    "@protected": true,
    "Multikey": {
      "@id": "https://w3id.org/security#Multikey",
      "@context": {
        "@protected": true,
        "id": "@id",
        "type": "@type",
        "controller": {
          "@id": "https://w3id.org/security#controller",
          "@type": "@id"
        },
        "expires": {
          "@id": "https://w3id.org/security#expiration",
          "@type": "http://www.w3.org/2001/XMLSchema#dateTime"
        },
        "revoked": {
          "@id": "https://w3id.org/security#revoked",
          "@type": "http://www.w3.org/2001/XMLSchema#dateTime"
        },
        "publicKeyMultibase": {
          "@id": "https://w3id.org/security#publicKeyMultibase",
          "@type": "https://w3id.org/security#multibase"
        },
        "secretKeyMultibase": {
          "@id": "https://w3id.org/security#secretKeyMultibase",
          "@type": "https://w3id.org/security#multibase"
        }
      }
    }
  }
}`;
