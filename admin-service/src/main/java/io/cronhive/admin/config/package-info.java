/** admin-service configuration: properties, the clock and start-up failure analysis. */
package io.cronhive.admin.config;
