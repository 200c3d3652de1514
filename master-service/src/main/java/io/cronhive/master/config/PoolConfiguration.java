package io.cronhive.master.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The shared pool, built as Spring Boot would build its Hikari pool (same {@code spring.datasource.*} and
 * {@code spring.datasource.hikari.*} properties) but as a {@link RecoveringDataSource}, so that the scheduler
 * resumes as soon as the database answers after an outage.
 */
@Configuration(proxyBeanMethods = false)
class PoolConfiguration {

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	RecoveringDataSource dataSource(DataSourceProperties properties) {
		RecoveringDataSource dataSource = properties.initializeDataSourceBuilder().type(RecoveringDataSource.class).build();
		if (StringUtils.hasText(properties.getName())) {
			dataSource.setPoolName(properties.getName());
		}
		return dataSource;
	}

}
