/** Worker groups: members added one by one or by tag, with a periodically refreshed status. */
package io.cronhive.admin.workergroup;
