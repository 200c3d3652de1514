/** HMAC request signing for every master-worker call, keyed by the cluster secret. */
package io.cronhive.common.signing;
