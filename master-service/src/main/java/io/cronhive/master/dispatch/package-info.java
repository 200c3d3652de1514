/** Dispatch: worker candidates from Eureka, routing strategies, the signed Feign client, failover and health. */
package io.cronhive.master.dispatch;
