/**
 * Customer notifications (SOC 2 CC7.4): when customers must be told of an incident and by when
 * ({@link com.attest.notice.NoticeDeadline}), the customer contact list with each agreement's notification periods
 * ({@link com.attest.notice.Customers}, CSV import through {@link com.attest.notice.ContactCsv}), versioned notice
 * templates with placeholders ({@link com.attest.notice.Placeholders}), and the notices themselves
 * ({@link com.attest.notice.CustomerNotices}): drafted from a template version, approved by the configured approvers
 * (Legal, CISO, CEO), sent through the outbox's Microsoft Graph mail or recorded as delivered by hand, and kept as
 * evidence that cannot be changed.
 */
package com.attest.notice;
