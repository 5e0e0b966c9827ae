/**
 * People and sign-in: accounts with roles (compliance lead, responder, auditor), PBKDF2 password hashes,
 * lockout after repeated failures, auditor access that expires, and the Jakarta Security mechanism and
 * identity store that sign people in. Every change here goes to the audit trail.
 */
package com.attest.security;
