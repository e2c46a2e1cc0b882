package io.pgha.core;

/**
 * Bad input from the user (inventory, playbook, arguments, templates). Always names where and which
 * field; the CLI turns it into exit code 2. Thrown before any host is touched.
 */
public class InputException extends RuntimeException {
    private final transient SourceLocation location;
    private final String field;

    public InputException(SourceLocation location, String field, String message) {
        super(message);
        this.location = location;
        this.field = field;
    }

    public SourceLocation location() { return location; }
    public String field() { return field; }

    /** "hosts.yml:12:5: field 'ansible_port': must be a number, got 'twenty-two'". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (location != null) sb.append(location).append(": ");
        if (field != null && !field.isEmpty()) sb.append("field '").append(field).append("': ");
        sb.append(getMessage());
        return sb.toString();
    }
}
