/**
 * Plumbing every feature stands on and that imports no feature: the datasource and its Flyway
 * migrator, the clock, configuration, the REST application, response security headers, health.
 */
package com.attest.platform;
