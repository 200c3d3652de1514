-- The cluster's identity, made once with its database. Masters send it with every run, report and kill; a
-- worker keeps run ids and fencing epochs per cluster, so a database created afresh (run ids and epochs from 1
-- again) is a new cluster to it, not a deposed leader repeating old runs. After restoring a backup, give the
-- cluster a new identity (README, "Backups"): the restored ids and epochs went back in time too.
CREATE TABLE cluster_identity (
    id         INT         NOT NULL PRIMARY KEY,
    cluster_id VARCHAR(36) NOT NULL
);
INSERT INTO cluster_identity (id, cluster_id) VALUES (1, UUID());
