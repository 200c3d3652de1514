package io.cronhive.master.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * One {@code UPDATE} that gives many rows, picked by key, each its own values: a column whose value is the same
 * for every row is one parameter, and a column whose values differ is a {@code CASE} over the key. A JDBC batch
 * of single-row updates does the same work, but MySQL's driver turns such a batch into one multi-statement
 * string and parses it character by character, which cost the leader a third of its CPU at a thousand runs a
 * second. Nulls are written as SQL literals, so no parameter ever needs a type guessed for it.
 *
 * @param <R> the row type
 */
final class KeyedUpdate<R> {

	private final String keyColumn;

	private final List<R> rows;

	private final ToLongFunction<R> key;

	private final StringBuilder sql;

	private final List<Object> args = new ArrayList<>();

	private boolean firstAssignment = true;

	KeyedUpdate(String table, String keyColumn, List<R> rows, ToLongFunction<R> key) {
		if (rows.isEmpty()) {
			throw new IllegalArgumentException("an update of no rows");
		}
		this.keyColumn = keyColumn;
		this.rows = rows;
		this.key = key;
		this.sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
	}

	/** {@code column = <each row's value>}. */
	KeyedUpdate<R> set(String column, Function<R, ?> value) {
		return assign(column, valueOf(value));
	}

	/** {@code column = <each row's value>} where the column is still null; what is there already stays. */
	KeyedUpdate<R> setIfNull(String column, Function<R, ?> value) {
		return assign(column, "COALESCE(" + column + ", " + valueOf(value) + ")");
	}

	/** An assignment that is the same for every row and takes no parameter, e.g. {@code state = 'finished'}. */
	KeyedUpdate<R> setConstant(String assignment) {
		this.sql.append(this.firstAssignment ? "" : ", ").append(assignment);
		this.firstAssignment = false;
		return this;
	}

	/**
	 * Ends the statement: {@code WHERE key IN (<rows>)} and the given condition, in which {@code ?} stands for
	 * each row's value of {@code guardValue} (for a per-row compare-and-set).
	 */
	Statement where(String condition, Function<R, ?> guardValue) {
		this.sql.append(" WHERE ").append(this.keyColumn).append(" IN (");
		for (int i = 0; i < this.rows.size(); i++) {
			this.sql.append((i == 0) ? "?" : ", ?");
			this.args.add(this.key.applyAsLong(this.rows.get(i)));
		}
		this.sql.append(")");
		if (condition != null) {
			int placeholder = condition.indexOf('?');
			this.sql.append(" AND ");
			if (placeholder < 0) {
				this.sql.append(condition);
			}
			else {
				this.sql.append(condition, 0, placeholder);
				this.sql.append(valueOf(Objects.requireNonNull(guardValue, "the condition has a ? to fill")));
				this.sql.append(condition, placeholder + 1, condition.length());
			}
		}
		return new Statement(this.sql.toString(), this.args.toArray());
	}

	Statement where(String condition) {
		return where(condition, null);
	}

	private KeyedUpdate<R> assign(String column, String expression) {
		return setConstant(column + " = " + expression);
	}

	/** Appends the parameters of one value expression and answers its SQL. */
	private String valueOf(Function<R, ?> value) {
		Object first = value.apply(this.rows.get(0));
		boolean same = true;
		for (int i = 1; i < this.rows.size() && same; i++) {
			same = Objects.equals(first, value.apply(this.rows.get(i)));
		}
		if (same) {
			if (first == null) {
				return "NULL";
			}
			this.args.add(first);
			return "?";
		}
		StringBuilder expression = new StringBuilder("CASE ").append(this.keyColumn);
		for (R row : this.rows) {
			Object v = value.apply(row);
			this.args.add(this.key.applyAsLong(row));
			if (v == null) {
				expression.append(" WHEN ? THEN NULL");
			}
			else {
				expression.append(" WHEN ? THEN ?");
				this.args.add(v);
			}
		}
		return expression.append(" END").toString();
	}

	/** The SQL and its arguments, in placeholder order. */
	record Statement(String sql, Object[] args) {

		/** @return the number of rows it matched */
		int execute(JdbcOperations jdbc) {
			return jdbc.update(this.sql, this.args);
		}

	}

}
