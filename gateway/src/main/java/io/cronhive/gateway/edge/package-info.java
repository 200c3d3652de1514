/**
 * What the gateway refuses before routing, whatever the caller's token: methods no route serves and request
 * targets that are not URIs.
 */
package io.cronhive.gateway.edge;
