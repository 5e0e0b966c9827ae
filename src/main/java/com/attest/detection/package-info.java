/**
 * The detection pipeline (the policy's section 1, CC7.3), checked: each configured subscription's action group for
 * the security on-call, the Defender for Cloud workflow automation routing High alerts, the Logic App playbooks and
 * the Sentinel automation rules that run them are read from Resource Manager, judged pass / warn / fail / could not
 * be read in a sentence a compliance lead understands ({@code PipelineRules}), and kept verbatim with their SHA-256
 * as evidence; the latest check of a subscription that fails or could not be read is a CC7.3 gap until one passes.
 */
package com.attest.detection;
