/**
 * Post-incident reviews (policy section 3, step 5): due five business days after the incident is resolved on the
 * organisation's calendar, filed by the incident's owner on the policy's template, approved or returned by the
 * compliance lead; an incident closes only once its review is approved. Reminders go to the owner before, on and
 * after the due date, in the portal and by e-mail through the one outbox; an approved review downloads as a PDF.
 */
package com.attest.pir;
