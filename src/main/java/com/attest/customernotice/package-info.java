/**
 * Customer notifications (SOC 2 CC7.4): when customers must be told of an incident and by when
 * ({@link com.attest.customernotice.NoticeDeadline}), the customer contact list with each agreement's notification periods
 * ({@link com.attest.customernotice.CustomerService}, CSV import through {@link com.attest.customernotice.ContactCsv}), versioned notice
 * templates with placeholders ({@link com.attest.customernotice.Placeholders}), and the notices themselves
 * ({@link com.attest.customernotice.CustomerNoticeService}): drafted from a template version, approved by the configured approvers
 * (Legal, CISO, CEO), sent through the outbox's Microsoft Graph mail or recorded as delivered by hand, and kept as
 * evidence that cannot be changed.
 */
package com.attest.customernotice;
