/** End-to-end tests: the built service jars started as separate processes and driven through the gateway. */
package io.cronhive.e2e;
