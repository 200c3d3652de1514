/** master-service configuration: properties, clock, signing keys, database readiness and start-up failures. */
package io.cronhive.master.config;
