/** Job definitions: create, read, update and delete jobs with their validation and scheduling state. */
package io.cronhive.admin.job;
