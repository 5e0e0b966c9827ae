/**
 * The one business calendar: the organisation's time zone, weekend days, the hour its business day closes
 * and its holidays. Every deadline that counts business days — a P4's "next business day", a post-incident
 * review's five business days, notification deadlines — asks {@link com.attest.calendar.BusinessCalendar}.
 */
package com.attest.calendar;
