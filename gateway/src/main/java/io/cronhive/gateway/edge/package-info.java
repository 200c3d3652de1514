/** What the gateway refuses before routing, whatever the caller's token: methods no route serves. */
package io.cronhive.gateway.edge;
