/** Job dependencies: child runs triggered by a parent's final status, joins of several parents, their timeouts. */
package io.cronhive.master.dependency;
