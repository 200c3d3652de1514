/** Users, their roles and passwords, and the first admin created at the first start. */
package io.cronhive.admin.user;
