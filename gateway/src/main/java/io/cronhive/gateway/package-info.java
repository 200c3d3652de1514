/** API gateway: routing, token checks, web console. */
package io.cronhive.gateway;
