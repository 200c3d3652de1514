package io.cronhive.admin.worker;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A worker host. The operator owns its identity (name, host, srvName, tag) and edits it under optimistic
 * locking; its live state (instance, online, heartbeat, running) comes from the registry and is written by
 * {@link WorkerRegistrySync} with plain statements, mapped read-only here so that neither overwrites the other.
 */
@Entity
@Table(name = "workers")
class Worker {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 128)
	private String name;

	@Column(length = 64)
	private String host;

	@Column(name = "srv_name", nullable = false, length = 128)
	private String srvName;

	@Column(length = 64)
	private String tag;

	@Column(name = "instance_id", insertable = false, updatable = false)
	private String instanceId;

	@Column(insertable = false, updatable = false)
	private Integer port;

	@Column(insertable = false, updatable = false)
	private boolean online;

	@Column(name = "last_heartbeat", insertable = false, updatable = false)
	private Long lastHeartbeat;

	@Column(insertable = false, updatable = false)
	private int running;

	@Column(name = "created_at", nullable = false, updatable = false)
	private long createdAt;

	@Column(name = "updated_at", nullable = false)
	private long updatedAt;

	@Version
	private long version;

	protected Worker() {
	}

	Worker(String name, String host, String srvName, String tag, long now) {
		this.createdAt = now;
		update(name, host, srvName, tag, now);
	}

	void update(String name, String host, String srvName, String tag, long now) {
		this.name = name;
		this.host = host;
		this.srvName = srvName;
		this.tag = tag;
		this.updatedAt = now;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getHost() {
		return this.host;
	}

	String getSrvName() {
		return this.srvName;
	}

	String getTag() {
		return this.tag;
	}

	String getInstanceId() {
		return this.instanceId;
	}

	Integer getPort() {
		return this.port;
	}

	boolean isOnline() {
		return this.online;
	}

	Long getLastHeartbeat() {
		return this.lastHeartbeat;
	}

	int getRunning() {
		return this.running;
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
