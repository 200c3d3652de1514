package io.cronhive.admin.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cronhive.admin.web.FieldProblem;
import io.cronhive.admin.web.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * The job references of a scheduling request, split into numeric ids and {@code jobId} UUIDs, with the text
 * each was given as so that unknown ones can be reported as the caller wrote them.
 */
record JobRefs(Set<Long> ids, Set<String> uuids) {

	static JobRefs parse(List<String> entries) {
		Set<Long> ids = new LinkedHashSet<>();
		Set<String> uuids = new LinkedHashSet<>();
		List<FieldProblem> errors = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = (entries.get(i) != null) ? entries.get(i).trim() : "";
			if (entry.matches("\\d{1,18}")) {
				ids.add(Long.parseLong(entry));
				continue;
			}
			try {
				uuids.add(UUID.fromString(entry).toString());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldProblem("jobIds[" + i + "]", "'" + entry + "' is neither a job id nor a jobId UUID"));
			}
		}
		if (ids.isEmpty() && uuids.isEmpty() && errors.isEmpty()) {
			errors.add(new FieldProblem("jobIds", "name at least one job"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidRequestException(errors);
		}
		return new JobRefs(ids, uuids);
	}

	static List<String> texts(List<JsonNode> nodes) {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			JsonNode node = nodes.get(i);
			if (node == null || !(node.isString() || node.isIntegralNumber())) {
				throw new InvalidRequestException("jobIds[" + i + "]", "must be a job id number or a jobId UUID string");
			}
			texts.add(node.asString());
		}
		return texts;
	}

}
