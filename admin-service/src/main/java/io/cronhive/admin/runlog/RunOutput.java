package io.cronhive.admin.runlog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * The captured output of a run: the same {@code run_logs} row as {@link RunLog}, mapped on its own and
 * read-only, because it can be megabytes and only the detail view needs it.
 */
@Entity
@Immutable
@Table(name = "run_logs")
class RunOutput {

	@Id
	private Long id;

	@Column(columnDefinition = "mediumtext")
	private String output;

	protected RunOutput() {
	}

	String getOutput() {
		return this.output;
	}

}
