package io.pgha.template;

/** An expression or template used a variable that is not defined; names the variable and where. */
public class UndefinedVariableException extends ExpressionException {
    private final String variable;

    public UndefinedVariableException(String variable, String where, String expression) {
        super("undefined variable '" + variable + "' in " + where
                + (expression == null ? "" : ": " + abbreviate(expression)));
        this.variable = variable;
    }

    public String variable() { return variable; }
}
