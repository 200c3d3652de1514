package io.cronhive.admin.workergroup;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A named set of workers: members chosen one by one, plus every worker carrying one of the group's tags, now
 * or later. The status column is refreshed by {@link GroupStatusRefresher}, not edited.
 */
@Entity
@Table(name = "worker_groups")
class WorkerGroup {

	static final int NORMAL = 1;

	static final int ABNORMAL = 2;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 128)
	private String name;

	@JdbcTypeCode(SqlTypes.TINYINT)
	@Column(nullable = false, insertable = false, updatable = false)
	private int status = NORMAL;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "worker_group_members", joinColumns = @JoinColumn(name = "group_id"))
	@Column(name = "worker_id", nullable = false)
	private Set<Long> workerIds = new LinkedHashSet<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "worker_group_tags", joinColumns = @JoinColumn(name = "group_id"))
	@Column(name = "tag", nullable = false, length = 64)
	private Set<String> tags = new LinkedHashSet<>();

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Column(name = "updated_at", nullable = false)
	private long updatedAt;

	@Version
	private long version;

	protected WorkerGroup() {
	}

	WorkerGroup(String name, Set<Long> workerIds, Set<String> tags, long now) {
		this.createdAt = now;
		update(name, workerIds, tags, now);
	}

	void update(String name, Set<Long> workerIds, Set<String> tags, long now) {
		this.name = name;
		this.workerIds.clear();
		this.workerIds.addAll(workerIds);
		this.tags.clear();
		this.tags.addAll(tags);
		this.updatedAt = now;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	int getStatus() {
		return this.status;
	}

	Set<Long> getWorkerIds() {
		return Set.copyOf(this.workerIds);
	}

	Set<String> getTags() {
		return Set.copyOf(this.tags);
	}

	long getCreatedAt() {
		return this.createdAt;
	}

	long getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

}
