package io.cronhive.admin.job;

/**
 * A validated, normalised job definition: what {@link JobValidator} produces from a request and what a
 * {@link Job} is built or updated from. Policies are their lowercase wire names; parameters are JSON text.
 */
record JobDefinition(String name, Long groupId, String tag, String cron, String timeZone, String type, String target,
		String parameters, long timeoutMs, int retries, long retryBackoffMs, boolean idempotent, String routing,
		String misfire, String concurrency, String remark) {

}
