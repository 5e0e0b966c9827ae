/**
 * The evidence register: the policy's evidence table as a catalogue of types (controls, retention), and every record
 * of the portal registered as an evidence item with the SHA-256 of a canonical snapshot, its period date,
 * retention-until and legal hold. Registration sweeps the sources, so a record is registered however it came about.
 */
package com.attest.evidence;
