package io.cronhive.admin.user;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Keeps the {@code users.role} column in the lowercase wire spelling. */
@Converter
class RoleConverter implements AttributeConverter<Role, String> {

	@Override
	public String convertToDatabaseColumn(Role role) {
		return (role != null) ? role.code() : null;
	}

	@Override
	public Role convertToEntityAttribute(String code) {
		return (code != null) ? Role.fromCode(code) : null;
	}

}
