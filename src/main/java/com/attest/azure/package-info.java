/**
 * The one Azure client layer: credentials from configuration, the SDK clients (Azure Resource Manager, Key Vault,
 * Log Analytics, Microsoft Graph) built once and reused, and the incident-response actions performed through them.
 * Every HTTP exchange an action makes is handed to its {@link com.attest.azure.CallLog} as evidence.
 */
package com.attest.azure;
