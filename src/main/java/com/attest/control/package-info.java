/**
 * Control health: for each trust criterion the portal evidences — CC7.3 (evaluate), CC7.4 (respond), CC7.5
 * (recover) — the gaps an auditor would find in a period, found live in the records the other features keep:
 * response-SLA breaches, overdue post-incident reviews, late customer notifications, no exercise in twelve months,
 * a runbook or policy not in force or past its review, an audit trail whose hash chain fails, evidence missing from
 * the register. {@link com.attest.control.ControlRules} is the one place that says which finding touches which
 * control and how badly; {@link com.attest.control.ControlHealthService} gathers the findings. Nothing here writes.
 */
package com.attest.control;
