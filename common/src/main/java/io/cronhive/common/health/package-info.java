/** Noticing that a part of a service has died, so the service does not go on looking healthy. */
package io.cronhive.common.health;
