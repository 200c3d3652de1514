package io.cronhive.master.config;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connector settings the leader's batches depend on when the database is MySQL or MariaDB. Without
 * {@code rewriteBatchedStatements} every statement of a JDBC batch is its own round trip, so claiming a thousand
 * slots took a thousand round trips; the session-state cache spares a round trip per transaction. Set here
 * rather than required in {@code CRONHIVE_DB_URL}, so an operator's plain URL performs too; a value the URL
 * already gives wins.
 */
@Configuration(proxyBeanMethods = false)
public class MySqlBatching {

	@Bean
	static BeanPostProcessor mySqlBatchingPostProcessor() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof HikariDataSource dataSource && isMySql(dataSource.getJdbcUrl())) {
					setUnlessInUrl(dataSource, "rewriteBatchedStatements", "true");
					setUnlessInUrl(dataSource, "useLocalSessionState", "true");
					setUnlessInUrl(dataSource, "cachePrepStmts", "true");
					setUnlessInUrl(dataSource, "prepStmtCacheSize", "250");
					setUnlessInUrl(dataSource, "prepStmtCacheSqlLimit", "2048");
				}
				return bean;
			}

		};
	}

	/** Whether the JDBC URL is MySQL's or MariaDB's. */
	public static boolean isMySql(String url) {
		return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
	}

	private static void setUnlessInUrl(HikariDataSource dataSource, String name, String value) {
		if (!dataSource.getJdbcUrl().contains(name + "=")) {
			dataSource.addDataSourceProperty(name, value);
		}
	}

}
