/**
 * Evidence packs: one signed PDF and a ZIP beside it that hand an auditor the incident-response evidence of an audit
 * period (or of one incident). What a pack holds — its sections, titles and which evidence types belong to which
 * control — is data in {@code reports/*.json} ({@link com.attest.pack.PackDefinitions}); the generator
 * ({@link com.attest.pack.PackGenerator}) reads the records through {@link com.attest.pack.PackSource} in batches
 * and streams the PDF to a file, so it runs inside the portal (in the background, {@link com.attest.pack.PackRunner})
 * and in the benchmark alike. The archive's {@code SHA256SUMS} and the PDF's signature let anyone re-check a pack
 * offline ({@link com.attest.pack.PackVerifier}, {@link com.attest.pack.VerifyPack}).
 */
package com.attest.pack;
