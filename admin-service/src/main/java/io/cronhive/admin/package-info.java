/** admin-service: the management API and the owner of the cronhive schema. */
package io.cronhive.admin;
