/** Login, signed tokens (session and API), their verification on every request and the role rules. */
package io.cronhive.admin.auth;
