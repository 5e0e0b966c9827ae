/**
 * Action items: what a post-incident review or an exercise found must be done, who owns it, by when, and how far it
 * has got — one kind of record for both, so the people who owe them see them in one place. The review or exercise
 * that raised an item decides who may write it; its status moves on after approval or sign-off too.
 */
package com.attest.actionitem;
