/** Agent configuration: properties, identity detection, the cluster secret and fail-fast start-up checks. */
package io.cronhive.worker.config;
