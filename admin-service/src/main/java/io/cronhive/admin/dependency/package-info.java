/** Job dependencies: children a job triggers, parents a job joins on, cycle checks and the dependency views. */
package io.cronhive.admin.dependency;
