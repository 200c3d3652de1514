/** The signed master-worker channel: verifying incoming requests and signing outgoing ones. */
package io.cronhive.worker.channel;
