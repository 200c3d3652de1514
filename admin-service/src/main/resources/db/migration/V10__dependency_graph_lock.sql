-- One row that every change of the dependency graph locks first: two edits that each keep the graph acyclic
-- can together close a cycle (A gets child B while B gets child A), and a cycle would trigger runs forever.
CREATE TABLE dependency_graph_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO dependency_graph_lock (id) VALUES (1);
