/** The token check in front of every routed /v1 call: JWT verification against admin-service's published keys. */
package io.cronhive.gateway.auth;
