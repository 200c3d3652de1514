/** Test support: databases of their own for integration tests. */
package io.cronhive.admin.support;
