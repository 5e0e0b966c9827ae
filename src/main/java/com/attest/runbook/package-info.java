/**
 * The incident-response runbook and the security policy, version-controlled in Git:
 * {@link com.attest.runbook.GitDocumentStore} commits each save with its editor as author and answers
 * history, earlier versions and diffs from the repository, imports a document's history from another
 * repository and pushes to the organisation's Git host.
 */
package com.attest.runbook;
