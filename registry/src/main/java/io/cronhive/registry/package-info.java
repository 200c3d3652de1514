/** Service registry (Eureka server). */
package io.cronhive.registry;
