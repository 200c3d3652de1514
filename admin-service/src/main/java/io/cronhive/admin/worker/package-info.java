/** Workers: operator-declared hosts merged with what the registry reports about them. */
package io.cronhive.admin.worker;
